package dev.atelier.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.gatling.javaapi.http.Sse;
import io.gatling.javaapi.http.SseMessageCheck;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Guest shoppers through the gateway, each a virtual user of its own (its own cookies, hence its own cart): add one
 * line to a cart, {@code POST /api/checkout}, follow the order's event stream ({@code GET
 * /api/orders/{id}/events?until=payable}, as the storefront's wait page does) until the saga asks for the payment (or
 * cancels), when order-service ends it, open the sandbox's payment page and press Pay, then, back on the order's page,
 * follow a new stream until the order is PAID (or cancelled): a browser leaves the wait page for the provider's and is
 * sent back to the order's page, which opens its own. A stream that fails or ends before its order did is followed by
 * one read of the order. What every shopper ended with, and the time from sending {@code POST /api/checkout} to
 * seeing the order PAID, go to the plan's {@link Tally}; Gatling's report has every request's own figures.
 *
 * <p>Three loads: {@link Load#CLOSED} keeps {@code users} shoppers checking out at all times for the duration (the
 * throughput), {@link Load#PACED} starts {@code users} new shoppers per second for the duration (the latency at a
 * given rate), {@link Load#AT_ONCE} starts {@code users} shoppers at the same instant (the flash sale).
 */
public class CheckoutSimulation extends Simulation {

    enum Load { CLOSED, PACED, AT_ONCE }

    /**
     * What to run: the gateway's address, the SKUs to buy (one drawn at random per shopper), the load, how long,
     * and how long a shopper waits for an order to finish before calling it hanging.
     */
    record Plan(String baseUrl, List<String> skus, Load load, int users, Duration duration, Duration deadline,
            Tally tally) {
    }

    /** The orders' states that end a shopper's wait. */
    static final Set<String> TERMINAL = Set.of("PAID", "CANCELLED", "REFUNDED");

    private static final String CHECKOUT = """
            {"email":"bench.shopper@example.co.uk","paymentMethod":"card","shippingOption":"standard",
             "shippingAddress":{"name":"Sophie Hart","line1":"1 High Street","city":"Bath","postcode":"BA1 1AA",
             "country":"GB"}}""";

    public CheckoutSimulation() {
        Plan plan = GatlingRun.plan(Plan.class);
        Tally tally = plan.tally();
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .acceptHeader("application/json")
                .acceptEncodingHeader("gzip, deflate")
                .header("Origin", plan.baseUrl())
                .disableFollowRedirect()
                .disableCaching()
                .disableWarmUp();
        // the shopper's page follows the order the way the storefront's wait page does: over its event stream, which
        // sends the order at once and again whenever it changes, and ends once the order is paid or cancelled
        SseMessageCheck payableOrDone = sse.checkMessage("payable or done")
                .matching(jmesPath("(data.status == 'AWAITING_PAYMENT' && data.paymentRedirectUrl != null)"
                        + " || contains(['PAID', 'CANCELLED', 'REFUNDED'], data.status)").ofBoolean().is(true))
                .check(jmesPath("data.status").saveAs("state"),
                        jmesPath("data.cancelReason").optional().saveAs("reason"),
                        jmesPath("data.paymentRedirectUrl").optional().saveAs("payUrl"));
        SseMessageCheck finished = sse.checkMessage("done")
                .matching(jmesPath("contains(['PAID', 'CANCELLED', 'REFUNDED'], data.status)").ofBoolean().is(true))
                .check(jmesPath("data.status").saveAs("state"),
                        jmesPath("data.cancelReason").optional().saveAs("reason"));
        // the last word, should a stream fail or end before its order finished: the order as it stands (only an
        // order's answer is read: a problem's "status" is a number, not the order's state)
        ChainBuilder lookUp = exec(call(tally, "order status", http("order status").get("/api/orders/#{orderId}")
                .header("X-Order-Token", "#{orderToken}")
                .checkIf((response, session) -> response.status().code() == 200)
                .then(jmesPath("status").optional().saveAs("state"),
                        jmesPath("cancelReason").optional().saveAs("reason"),
                        jmesPath("paymentRedirectUrl").optional().saveAs("payUrl")), 200));

        // The wait page's stream until the saga asks for the payment (?until=payable, as the storefront's wait page
        // asks: order-service then ends the stream itself); the shopper then leaves the page for the provider's, pays,
        // and is sent back to the order's page, which opens a new stream: it sends the order as it stands at once, so
        // a payment that completed before the page came back is seen, and nothing depends on which of the shopper and
        // the saga was first.
        // (each stream under a name of its own: Gatling keeps a stream the server ended under its name, and would
        // refuse to open the order page's under the same one)
        Sse waitPage = sse("wait page").sseName("wait page");
        Sse orderPage = sse("order page").sseName("order page");
        ChainBuilder untilPayable = exec(waitPage.get("/api/orders/#{orderId}/events?until=payable")
                        .header("X-Order-Token", "#{orderToken}")
                        .header("Accept", "text/event-stream")
                        .await(plan.deadline()).on(payableOrDone))
                .exec(session -> streamed(tally, session, payable(session) || done(session)))
                // the stream ends by itself once the order can be paid or is done; otherwise the shopper gives up on
                // the page and reads the order
                .doIf(session -> !payable(session) && !done(session)).then(exec(waitPage.close()).exec(lookUp));
        ChainBuilder pay = exec(session -> session.set("payPath", URI.create(session.getString("payUrl")).getPath()))
                .exec(call(tally, "payment page", http("payment page").get("#{payPath}")
                        .header("Accept", "text/html"), 200))
                .exec(call(tally, "pay", http("pay").post("#{payPath}/pay")
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(StringBody("")), 200, 302, 303));
        ChainBuilder untilDone = exec(orderPage.get("/api/orders/#{orderId}/events")
                        .header("X-Order-Token", "#{orderToken}")
                        .header("Accept", "text/event-stream")
                        .await(plan.deadline()).on(finished))
                .exec(session -> streamed(tally, session, done(session)))
                .doIf(session -> !done(session)).then(exec(orderPage.close()).exec(lookUp));

        ChainBuilder shopper = exec(session -> session.set("sku", plan.skus().get(
                        ThreadLocalRandom.current().nextInt(plan.skus().size()))))
                .exec(call(tally, "add to cart", http("add to cart").post("/api/cart/items")
                        .body(StringBody("{\"sku\":\"#{sku}\",\"quantity\":1}")).asJson()
                        .check(jmesPath("type").optional().saveAs("problem")), 200, 201))
                .doIf(session -> answered(session, 200, 201)).then(
                        exec(session -> session.set("t0", System.nanoTime()))
                                .exec(call(tally, "checkout", http("checkout").post("/api/checkout")
                                        .body(StringBody(CHECKOUT)).asJson()
                                        .check(jmesPath("orderId").optional().saveAs("orderId"),
                                                jmesPath("orderToken").optional().saveAs("orderToken"),
                                                jmesPath("type").optional().saveAs("problem")), 202))
                                .doIf(session -> answered(session, 202) && session.contains("orderId")).then(
                                        exec(session -> session.set("state", "PLACED"))
                                                .exec(untilPayable)
                                                .doIf(CheckoutSimulation::payable).then(exec(pay).exec(untilDone))))
                .exec(session -> {
                    tally.record(session);
                    return session;
                });

        ScenarioBuilder shoppers = scenario("shoppers").exec(shopper);
        PopulationBuilder population = switch (plan.load()) {
            case CLOSED -> shoppers.injectClosed(constantConcurrentUsers(plan.users()).during(plan.duration()));
            case PACED -> shoppers.injectOpen(constantUsersPerSec(plan.users()).during(plan.duration()));
            case AT_ONCE -> shoppers.injectOpen(atOnceUsers(plan.users()));
        };
        tally.started(System.nanoTime());
        setUp(population).protocols(protocol)
                .maxDuration(plan.duration().plus(plan.deadline()).plus(plan.deadline()));
    }

    /**
     * The request, with its status kept in the session ({@code status}, absent when no answer came) and counted in
     * the tally; Gatling marks it failed unless the status is one of {@code expected}.
     */
    private static ChainBuilder call(Tally tally, String name, HttpRequestActionBuilder request,
            Integer... expected) {
        return exec(session -> session.remove("status"))
                .exec(request.check(status().saveAs("status"), status().in(expected)))
                .exec(session -> {
                    tally.answered(name, session.contains("status") ? session.getInt("status") : 0);
                    return session;
                });
    }

    private static boolean answered(Session session, int... statuses) {
        if (!session.contains("status")) {
            return false;
        }
        int status = session.getInt("status");
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }

    private static boolean payable(Session session) {
        String url = session.contains("payUrl") ? session.getString("payUrl") : null;
        return "AWAITING_PAYMENT".equals(session.getString("state")) && url != null && !url.isBlank()
                && !url.equals("null");
    }

    private static boolean done(Session session) {
        return TERMINAL.contains(session.getString("state"));
    }

    /**
     * Counts a wait on the order's stream: 200 when the awaited message came, 0 when it did not (the stream was
     * refused, ended first or stayed silent until the deadline; Gatling's report says which; the shopper goes on and
     * reads the order instead).
     */
    private static Session streamed(Tally tally, Session session, boolean came) {
        tally.answered("order stream", came ? 200 : 0);
        return session;
    }

    /**
     * What the shoppers ended with ({@code PAID}, {@code CANCELLED OUT_OF_STOCK}, {@code checkout answered 429 …},
     * {@code hanging in AWAITING_PAYMENT} …), the POST-to-PAID times of the paid ones, and every answer's status.
     */
    static final class Tally {

        record Paid(long sentNanos, long paidNanos) {
        }

        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Paid> paid = new ConcurrentLinkedQueue<>();
        private volatile long startedNanos;

        void started(long nanos) {
            startedNanos = nanos;
        }

        long startedNanos() {
            return startedNanos;
        }

        void answered(String request, int status) {
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            requests.computeIfAbsent(request, r -> new LongAdder()).increment();
        }

        /** How many requests of each kind the shoppers sent. */
        Map<String, Long> requests() {
            Map<String, Long> sorted = new TreeMap<>();
            requests.forEach((k, v) -> sorted.put(k, v.sum()));
            return sorted;
        }

        void record(Session session) {
            String outcome;
            if (!session.contains("t0")) {
                outcome = "add to cart answered " + status(session);
            } else if (!session.contains("orderId")) {
                outcome = "checkout answered " + status(session);
            } else {
                String state = session.getString("state");
                if (state.equals("PAID")) {
                    paid.add(new Paid(session.getLong("t0"), System.nanoTime()));
                    outcome = "PAID";
                } else if (TERMINAL.contains(state)) {
                    String reason = session.contains("reason") ? session.getString("reason") : null;
                    outcome = state + (reason == null || reason.equals("null") ? "" : " " + reason);
                } else {
                    outcome = "hanging in " + state;
                }
            }
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        }

        private static String status(Session session) {
            String problem = session.contains("problem") ? session.getString("problem") : null;
            return (session.contains("status") ? Integer.toString(session.getInt("status")) : "nothing")
                    + (problem == null || problem.equals("null") ? "" : " " + problem);
        }

        Map<String, Long> outcomes() {
            Map<String, Long> sorted = new TreeMap<>();
            outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
            return sorted;
        }

        Map<Integer, Long> statuses() {
            Map<Integer, Long> sorted = new TreeMap<>();
            statuses.forEach((k, v) -> sorted.put(k, v.sum()));
            return sorted;
        }

        long count(String outcome) {
            LongAdder adder = outcomes.get(outcome);
            return adder == null ? 0 : adder.sum();
        }

        long serverErrors() {
            return statuses().entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue)
                    .sum();
        }

        long unanswered() {
            return statuses().getOrDefault(0, 0L);
        }

        List<Paid> paid() {
            return List.copyOf(paid);
        }
    }
}
