package dev.atelier.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shoppers browsing through the gateway ({@code users} of them at once, no think time, for the duration), each
 * request drawn at random among four: the home's data, a category, a search and a product. {@code pages} false asks
 * the JSON APIs the gateway routes to catalog-service (what the storefront's pages are made of); true asks the
 * storefront's HTML pages, which the gateway renders from those APIs.
 */
public class BrowseSimulation extends Simulation {

    record Plan(String baseUrl, boolean pages, List<String> categories, List<String> slugs, List<String> queries,
            int users, Duration duration) {
    }

    public BrowseSimulation() {
        Plan plan = GatlingRun.plan(Plan.class);
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .acceptHeader(plan.pages() ? "text/html" : "application/json")
                .acceptEncodingHeader("gzip, deflate")
                .disableCaching()
                .disableWarmUp();
        ScenarioBuilder browse = scenario("browse").exec(during(plan.duration()).on(
                exec(session -> session
                        .set("category", pick(plan.categories()))
                        .set("slug", pick(plan.slugs()))
                        .set("q", URLEncoder.encode(pick(plan.queries()), StandardCharsets.UTF_8)))
                        .exec(uniformRandomSwitch().on(
                                exec(http("home").get(plan.pages() ? "/"
                                        : "/api/catalog/products?sort=bestselling&limit=8").check(status().is(200))),
                                exec(http("category").get(plan.pages() ? "/categories/#{category}"
                                        : "/api/catalog/products?limit=24&category=#{category}")
                                        .check(status().is(200))),
                                exec(http("search").get(plan.pages() ? "/search?q=#{q}"
                                        : "/api/catalog/products?limit=24&q=#{q}").check(status().is(200))),
                                exec(http("product").get(plan.pages() ? "/products/#{slug}"
                                        : "/api/catalog/products/#{slug}").check(status().is(200)))))));
        setUp(browse.injectOpen(atOnceUsers(plan.users()))).protocols(protocol);
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }
}
