package dev.atelier.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Shoppers straight to cart-service, in one of two models.
 *
 * <p>{@link Load#CLOSED} (the throughput): {@code shoppers} at all times, no think time. Each shopper starts a cart
 * with its first add (the service sets the {@code cart_id} cookie, which Gatling keeps per virtual user), adds
 * {@link #ADDS_PER_CART} items, reading the cart after each (unless the plan says adds alone), and leaves; another
 * takes its place.
 *
 * <p>{@link Load#PACED} (the latency at a given rate, open model): {@code rate} adds a second arrive whatever the
 * service's answers take, each a virtual user of its own that makes one add, so a slow answer delays no later add
 * (no coordinated omission). The adds go to carts the way the closed model's shoppers fill them: one add in
 * {@link #ADDS_PER_CART} starts a cart, the others go to a cart that is not being changed at that moment (its
 * {@code cart_id} cookie sent as a browser would) until it holds its {@link #ADDS_PER_CART} adds. The virtual users
 * share a pool of keep-alive connections, as the gateway does in front of the service (a connection per add would
 * measure TCP set-up, not the cart). An add arriving while {@code cap} adds are already waiting for an answer is not
 * sent but counted as turned away ({@link Tally}), so that a service that cannot keep up is seen, not piled up on
 * without end.
 *
 * <p>A share of the adds are personalised lines on personalisable products (catalog's validation call included);
 * the others are plain products, which never call catalog. The group {@code add-to-cart} holds both kinds; its
 * figures are every add's.
 */
public class CartSimulation extends Simulation {

    static final int ADDS_PER_CART = 8;

    enum Load { CLOSED, PACED }

    /**
     * The service, the SKUs it sells (even indexes personalisable), the load and its duration ({@code users}:
     * shoppers at all times when closed, adds a second when paced; {@code cap}: adds in flight at most when paced);
     * whether each add of the closed model is followed by a read of the cart (the shopper's flow) or not (adds alone,
     * what the add-to-cart goal is about); what to do right before the load starts and right after it ends (before
     * Gatling writes its report); what the paced run counts.
     */
    record Plan(String baseUrl, List<String> skus, Load load, int users, int cap, Duration duration,
            double personalised, boolean readAfterAdd, Runnable atStart, Runnable atEnd, Tally tally) {
    }

    /**
     * What the paced run counts besides Gatling's figures: the adds turned away because {@code cap} were in flight,
     * and the adds that started a cart.
     */
    static final class Tally {

        private final LongAdder turnedAway = new LongAdder();
        private final LongAdder cartsStarted = new LongAdder();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostInFlight = new AtomicInteger();

        long turnedAway() {
            return turnedAway.sum();
        }

        int mostInFlight() {
            return mostInFlight.get();
        }

        /** The adds that started a cart: one in eight while enough carts are free, more when most are in flight. */
        long cartsStarted() {
            return cartsStarted.sum();
        }

        void startedCart() {
            cartsStarted.increment();
        }

        boolean enter(int cap) {
            int now = inFlight.incrementAndGet();
            if (now > cap) {
                inFlight.decrementAndGet();
                turnedAway.increment();
                return false;
            }
            mostInFlight.accumulateAndGet(now, Math::max);
            return true;
        }

        void leave() {
            inFlight.decrementAndGet();
        }
    }

    /** A cart of the paced run between two adds: its id and how many adds it has had. */
    private record OpenCart(String id, int adds) {
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
        ScenarioBuilder scenario = switch (plan.load()) {
            case CLOSED -> closed(items);
            case PACED -> paced(items);
        };
        if (plan.load() == Load.CLOSED) {
            setUp(scenario.injectClosed(constantConcurrentUsers(plan.users()).during(plan.duration())))
                    .protocols(protocol)
                    .maxDuration(plan.duration());
        } else {
            // the arrivals stop with the duration; the adds in flight then may finish (they are in the figures)
            setUp(scenario.injectOpen(constantUsersPerSec(plan.users()).during(plan.duration())))
                    .protocols(protocol.shareConnections())
                    .maxDuration(plan.duration().plusSeconds(30));
        }
    }

    private ScenarioBuilder closed(Iterator<Map<String, Object>> items) {
        ChainBuilder add = feed(items).group("add-to-cart").on(add(http("add-to-cart #{kind}")
                .post("/api/cart/items")));
        ChainBuilder visit = plan.readAfterAdd()
                ? add.exec(http("read-cart").get("/api/cart").check(status().is(200), jmesPath("id").notNull()))
                : add;
        return scenario("shoppers").exec(repeat(ADDS_PER_CART).on(visit));
    }

    private ScenarioBuilder paced(Iterator<Map<String, Object>> items) {
        Queue<OpenCart> carts = new ConcurrentLinkedQueue<>();
        Tally tally = plan.tally();
        int cap = plan.cap();
        ChainBuilder add = feed(items)
                .exec(session -> {
                    OpenCart cart = carts.poll();
                    if (cart == null) {
                        tally.startedCart();
                        return session;
                    }
                    return session.set("cartId", cart.id()).set("adds", cart.adds());
                })
                .group("add-to-cart").on(doIfOrElse(session -> session.contains("cartId"))
                        .then(add(http("add-to-cart #{kind}").post("/api/cart/items")
                                .header("Cookie", "cart_id=#{cartId}")))
                        .orElse(add(http("add-to-cart #{kind}").post("/api/cart/items")
                                .check(jmesPath("id").saveAs("cartId")))))
                .exec(session -> {
                    tally.leave();
                    int adds = session.contains("adds") ? session.getInt("adds") + 1 : 1;
                    if (!session.isFailed() && session.contains("cartId") && adds < ADDS_PER_CART) {
                        carts.add(new OpenCart(session.getString("cartId"), adds));
                    }
                    return session;
                });
        return scenario("paced adds").doIf(session -> tally.enter(cap)).then(add);
    }

    /**
     * An add: answered 200 with the priced cart holding at least one line. A substring of the body, not a JSON
     * path: parsing every answer into a tree was an eighth of the load generator's CPU (JFR), on the cores it
     * measures.
     */
    private static HttpRequestActionBuilder add(HttpRequestActionBuilder request) {
        return request.body(StringBody("#{item}"))
                .check(status().is(200), substring(FIRST_LINE));
    }

    /** How the priced cart's JSON starts its first line (PricedCart: {@code lines}, each starting {@code lineId}). */
    static final String FIRST_LINE = "\"lines\":[{\"lineId\":";

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
