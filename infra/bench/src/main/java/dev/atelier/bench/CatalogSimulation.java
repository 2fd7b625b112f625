package dev.atelier.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Storefront reads straight to catalog-service, one kind after the other, each by {@code clients} clients for
 * {@code duration} with no think time: the first page of the product list (newest first), a product page by slug,
 * and a search (words of the catalogue's names typed in part, part numbers, a few misspellings).
 */
public class CatalogSimulation extends Simulation {

    /** The service, what to ask for, the load and each phase's duration. */
    record Plan(String baseUrl, List<String> slugs, List<String> queries, int clients, Duration duration) {
    }

    public CatalogSimulation() {
        Plan plan = GatlingRun.plan(Plan.class);
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .acceptHeader("application/json")
                .disableCaching()
                .disableWarmUp();
        Iterator<Map<String, Object>> slugs = Stream.generate(() -> Map.<String, Object>of("slug",
                plan.slugs().get(ThreadLocalRandom.current().nextInt(plan.slugs().size())))).iterator();
        Iterator<Map<String, Object>> queries = Stream.generate(() -> Map.<String, Object>of("q", URLEncoder.encode(
                plan.queries().get(ThreadLocalRandom.current().nextInt(plan.queries().size())),
                StandardCharsets.UTF_8))).iterator();
        ScenarioBuilder list = scenario("list").exec(during(plan.duration()).on(
                http("product list").get("/api/catalog/products")
                        .check(status().is(200), jmesPath("items[0].slug").exists())));
        ScenarioBuilder detail = scenario("detail").exec(during(plan.duration()).on(feed(slugs).exec(
                http("product detail").get("/api/catalog/products/#{slug}")
                        .check(status().is(200), jmesPath("slug").exists()))));
        ScenarioBuilder search = scenario("search").exec(during(plan.duration()).on(feed(queries).exec(
                http("search").get("/api/catalog/products?q=#{q}").check(status().is(200)))));
        setUp(list.injectOpen(atOnceUsers(plan.clients()))
                .andThen(detail.injectOpen(atOnceUsers(plan.clients()))
                        .andThen(search.injectOpen(atOnceUsers(plan.clients())))))
                .protocols(protocol);
    }
}
