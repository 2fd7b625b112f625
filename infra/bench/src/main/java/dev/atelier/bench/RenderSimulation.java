package dev.atelier.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

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
 * The storefront's server-rendered pages through the gateway, as a browser asks for them (HTML, gzip): the home page,
 * a category, a search and a product page, one kind after the other, each by {@code users} users with no think time
 * for {@code duration}. Only the HTML: images, CSS and scripts are cached by a browser after the first page. A page
 * counts only when it is whole: a listing or product page whose catalogue read failed answers 503, and a home page
 * that rendered without part of the catalogue says so in a notice, which fails the check.
 */
public class RenderSimulation extends Simulation {

    /** The store, what to ask for, the load and each phase's duration. */
    record Plan(String baseUrl, List<String> categories, List<String> queries, List<String> products, int users,
            Duration duration) {
    }

    public RenderSimulation() {
        Plan plan = GatlingRun.plan(Plan.class);
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .acceptHeader("text/html,application/xhtml+xml")
                .acceptEncodingHeader("gzip")
                .disableCaching()
                .disableWarmUp();
        ScenarioBuilder home = scenario("home").exec(during(plan.duration()).on(
                // the home page still renders when a catalogue read fails, with a notice: that is not a page served
                http("home").get("/").check(status().is(200), substring("<main").exists(),
                        substring("taking a moment to load").notExists())));
        ScenarioBuilder category = scenario("category").exec(during(plan.duration()).on(
                feed(random("slug", plan.categories())).exec(http("category").get("/categories/#{slug}")
                        .check(status().is(200), substring("class=\"card\"").exists()))));
        ScenarioBuilder search = scenario("search").exec(during(plan.duration()).on(
                feed(random("q", plan.queries())).exec(http("search").get("/search?q=#{q}")
                        .check(status().is(200), substring("<main").exists()))));
        ScenarioBuilder product = scenario("product").exec(during(plan.duration()).on(
                feed(random("slug", plan.products())).exec(http("product").get("/products/#{slug}")
                        .check(status().is(200), substring("<h1>").exists()))));
        setUp(home.injectOpen(atOnceUsers(plan.users()))
                .andThen(category.injectOpen(atOnceUsers(plan.users()))
                        .andThen(search.injectOpen(atOnceUsers(plan.users()))
                                .andThen(product.injectOpen(atOnceUsers(plan.users()))))))
                .protocols(protocol);
    }

    private static Iterator<Map<String, Object>> random(String key, List<String> values) {
        return Stream.generate(() -> Map.<String, Object>of(key,
                values.get(ThreadLocalRandom.current().nextInt(values.size())))).iterator();
    }
}
