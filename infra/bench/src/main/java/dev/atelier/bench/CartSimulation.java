package dev.atelier.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Shoppers straight to cart-service (closed model: {@code shoppers} at all times, no think time). Each shopper
 * starts a cart with its first add (the service sets the {@code cart_id} cookie, which Gatling keeps per virtual
 * user), adds {@link #ADDS_PER_CART} items, reading the cart after each (unless the plan says adds alone), and
 * leaves; another takes its place.
 * A share of the adds are personalised lines on personalisable products (catalog's validation call included);
 * the others are plain products, which never call catalog. The group {@code add-to-cart} holds both kinds; its
 * figures are every add's.
 */
public class CartSimulation extends Simulation {

    static final int ADDS_PER_CART = 8;

    /**
     * The service, the SKUs it sells (even indexes personalisable), the load and its duration; whether each add is
     * followed by a read of the cart (the shopper's flow) or not (adds alone, what the add-to-cart goal is about);
     * what to do right before the load starts and right after it ends (before Gatling writes its report).
     */
    record Plan(String baseUrl, List<String> skus, int shoppers, Duration duration, double personalised,
            boolean readAfterAdd, Runnable atStart, Runnable atEnd) {
    }

    private final Plan plan = GatlingRun.plan(Plan.class);

    private static final List<String> NAMES = List.of("Sophie", "Oliver", "Amelia", "Noah", "Isla", "Leo", "Ava",
            "Jack");

    public CartSimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .disableCaching()
                .disableWarmUp();
        Iterator<Map<String, Object>> items = Stream.generate(() -> item(plan)).iterator();
        ChainBuilder add = feed(items)
                .group("add-to-cart").on(http("add-to-cart #{kind}").post("/api/cart/items")
                        .body(StringBody("#{item}"))
                        .check(status().is(200), jmesPath("lines[0].sku").exists()));
        ChainBuilder visit = plan.readAfterAdd()
                ? add.exec(http("read-cart").get("/api/cart").check(status().is(200), jmesPath("id").notNull()))
                : add;
        ScenarioBuilder shoppers = scenario("shoppers").exec(repeat(ADDS_PER_CART).on(visit));
        setUp(shoppers.injectClosed(constantConcurrentUsers(plan.shoppers()).during(plan.duration())))
                .protocols(protocol)
                .maxDuration(plan.duration());
    }

    @Override
    public void before() {
        plan.atStart().run();
    }

    @Override
    public void after() {
        plan.atEnd().run();
    }

    private static Map<String, Object> item(Plan plan) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean personalised = random.nextDouble() < plan.personalised();
        // even indexes are the personalisable products: they always ask catalog, plain ones never do
        String sku = plan.skus().get(2 * random.nextInt(plan.skus().size() / 2) + (personalised ? 0 : 1));
        String personalisation = personalised
                ? ", \"personalisation\": {\"name\": \"" + NAMES.get(random.nextInt(NAMES.size())) + "\"}"
                : "";
        return Map.of("item", "{\"sku\": \"" + sku + "\", \"quantity\": 1" + personalisation + "}",
                "kind", personalised ? "personalised" : "plain");
    }
}
