package dev.atelier.order.checkout.web;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.order.CartStub;
import dev.atelier.order.Carts;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.order.Shopper;
import dev.atelier.order.Shopper.Placed;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The shopper's side of the checkout over real HTTP: placing, refusals, idempotency, tokens and live status. */
@OrderTest
class CheckoutApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    OrderWatchers watchers;

    Http http;
    Shopper shopper;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        shopper = new Shopper(http);
    }

    @AfterEach
    void closeTheBreaker() {
        breakers.circuitBreaker("cart").reset();
    }

    private long orders() {
        return jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);
    }

    private static String body(Carts cart, String postcode) {
        return Shopper.checkoutBody(cart, "card").replace("yo1 7hh", postcode);
    }

    @Test
    void placesAnOrderAndAnswersAtOnceWithItsNumberTokenAndStatusUrl() {
        Carts cart = aCartWithTwoPersonalisedMugs().served();

        Http.Answer answer = http.post("/api/checkout", Shopper.checkoutBody(cart, "bank"));

        assertThat(answer.status()).isEqualTo(202);
        String orderId = answer.body().get("orderId").asString();
        assertThat(answer.body().get("orderNumber").asString()).matches("AT-20\\d\\d-\\d{6}");
        assertThat(answer.body().get("orderToken").asString()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(answer.body().get("statusUrl").asString()).isEqualTo("/api/orders/" + orderId);
        assertThat(answer.header("Location")).isEqualTo("/api/orders/" + orderId);
        var order = http.get("/api/orders/" + orderId, "X-Order-Token", answer.body().get("orderToken").asString());
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.body().get("orderNumber").asString()).isEqualTo(answer.body().get("orderNumber").asString());
        assertThat(order.body().get("totals").get("total").get("amount").asLong()).isEqualTo(cart.total());
        assertThat(order.body().get("shippingAddress").get("postcode").asString()).isEqualTo("YO1 7HH");
        var line = order.body().get("lines").get(0);
        assertThat(line.get("personalisationText").asString()).isEqualTo("Font: Script MT · Name: Sophie");
        assertThat(line.get("previewUrl").asString()).isEqualTo(dev.atelier.order.Carts.MUG_PREVIEW);
        assertThat(line.get("unitPrice").get("amount").asLong()).isEqualTo(1499);
        assertThat(jdbc.queryForObject("SELECT payment_method FROM orders WHERE id = ?::uuid", String.class, orderId))
                .isEqualTo("bank");
    }

    @Test
    void refusesAPostcodeThatIsNotBritishNamingTheFieldAndWritesNothing() {
        Carts cart = aCartWithTwoPersonalisedMugs().served();
        long before = orders();

        Http.Answer answer = http.post("/api/checkout", body(cart, "NOT A POSTCODE"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("shippingAddress.postcode");
        assertThat(orders()).isEqualTo(before);
        assertThat(CartStub.callsFor(cart.id())).as("nothing asked of cart-service").isZero();
    }

    @Test
    void refusesAMissingPaymentMethodAndAnUnknownOne() {
        Carts cart = aCartWithTwoPersonalisedMugs().served();

        Http.Answer missing = http.post("/api/checkout", Shopper.checkoutBody(cart, "card")
                .replace("\"paymentMethod\": \"card\",", ""));
        Http.Answer unknown = http.post("/api/checkout", Shopper.checkoutBody(cart, "cheque"));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).get("field").asString()).isEqualTo("paymentMethod");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("message").asString()).contains("card or bank");
    }

    @Test
    void refusesACartThatCannotBeOrdered() {
        Carts empty = Carts.aCart().blockedBy("EMPTY_CART", "the cart is empty").served();
        long before = orders();

        Http.Answer answer = http.post("/api/checkout", Shopper.checkoutBody(empty, "card"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("type").asString()).endsWith("/cart-not-ready");
        assertThat(answer.body().get("errors").get(0).get("message").asString()).startsWith("EMPTY_CART");
        assertThat(orders()).isEqualTo(before);
    }

    @Test
    void refusesACartThatChangedSinceTheShopperSawIt() {
        Carts cart = aCartWithTwoPersonalisedMugs().atVersion(8).served();
        long before = orders();

        Http.Answer answer = http.post("/api/checkout", Shopper.checkoutBody(cart, "card")
                .replace("\"cartVersion\": 8", "\"cartVersion\": 7"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("type").asString()).endsWith("/cart-changed");
        assertThat(answer.body().get("cartVersion").asLong()).isEqualTo(8);
        assertThat(orders()).isEqualTo(before);
    }

    @Test
    void answersTheSameOrderToTheSameRequestWithTheSameKeyAndRefusesADifferentOne() {
        Carts cart = aCartWithTwoPersonalisedMugs().served();
        String key = UUID.randomUUID().toString();

        Http.Answer first = http.post("/api/checkout", Shopper.checkoutBody(cart, "card"), "Idempotency-Key", key);
        Http.Answer again = http.post("/api/checkout", Shopper.checkoutBody(cart, "card"), "Idempotency-Key", key);
        Http.Answer different = http.post("/api/checkout", Shopper.checkoutBody(cart, "bank"), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.body().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE cart_id = ?", Long.class, cart.id()))
                .isEqualTo(1);
        assertThat(CartStub.callsFor(cart.id())).as("the repeat is answered without the cart").isEqualTo(1);
    }

    @Test
    void saysWhenThereIsNoOpenCart() {
        Carts cart = aCartWithTwoPersonalisedMugs();
        CartStub.knowsNothingOf(cart.id());

        Http.Answer answer = http.post("/api/checkout", Shopper.checkoutBody(cart, "card"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("type").asString()).endsWith("/unknown-cart");
    }

    @Test
    void placesTheOrderWhenCartServiceDropsTheFirstConnection() {
        Carts cart = aCartWithTwoPersonalisedMugs();
        CartStub.dropsOnceThenServes(cart.id(), cart.json());

        Http.Answer answer = http.post("/api/checkout", Shopper.checkoutBody(cart, "card"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(CartStub.callsFor(cart.id())).isEqualTo(2);
    }

    @Test
    void answers503WithRetryAfterWhenCartServiceIsDownAndStopsAskingIt() {
        Carts cart = aCartWithTwoPersonalisedMugs();
        CartStub.failsFor(cart.id());
        long before = orders();

        List<Http.Answer> answers = Stream.generate(() -> http.post("/api/checkout",
                Shopper.checkoutBody(cart, "card"))).limit(8).toList();

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("type").asString()).endsWith("/cart-unavailable");
            assertThat(answer.header("Retry-After")).isNotBlank();
        });
        // each checkout tries twice (a broken connection may be a kept-alive one closed under it); 8 would be 16
        assertThat(CartStub.callsFor(cart.id())).as("the breaker opened after the first failures").isLessThan(16);
        assertThat(orders()).isEqualTo(before);
    }

    @Test
    void showsAnOrderOnlyWithItsOwnToken() {
        Placed mine = shopper.pays(aCartWithTwoPersonalisedMugs());
        Placed theirs = shopper.pays(aCartWithTwoPersonalisedMugs());

        Http.Answer withTheirToken = http.get("/api/orders/" + mine.orderId(), "X-Order-Token", theirs.token());
        Http.Answer withoutToken = http.get("/api/orders/" + mine.orderId());
        Http.Answer withGarbage = http.get("/api/orders/" + mine.orderId(), "X-Order-Token", "%%%not-base64");
        Http.Answer cancelWithTheirToken = http.post("/api/orders/" + mine.orderId() + "/cancel", "",
                "X-Order-Token", theirs.token());

        assertThat(List.of(withTheirToken, withoutToken, withGarbage, cancelWithTheirToken)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body().get("type").asString()).endsWith("/unknown-order");
        });
        assertThat(shopper.order(mine).get("status").asString()).isEqualTo("PLACED");
    }

    @Test
    void streamsTheOrdersChangesUntilItIsPaid() throws Exception {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        HttpResponse<Stream<String>> stream = http.stream("/api/orders/" + placed.orderId() + "/events?token="
                + placed.token());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamEnds = CompletableFuture.runAsync(() -> stream.body()
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1"))
                .forEach(seen::add));

        try (EventPublisher others = EventPublisher.toSharedBroker()) {
            UUID paymentId = UUID.randomUUID();
            toAwaitingPayment(others, placed, paymentId, "cs_9");
            org.awaitility.Awaitility.await("AWAITING_PAYMENT on the stream").atMost(Duration.ofSeconds(30))
                    .until(() -> seen.contains("AWAITING_PAYMENT"));
            others.publish(new PaymentSucceeded(placed.orderId(), paymentId, "sandbox", Money.gbp(3393),
                    Instant.now()));
        }

        streamEnds.get(30, TimeUnit.SECONDS);
        assertThat(seen.getFirst()).isEqualTo("PLACED");
        assertThat(seen.getLast()).as("the stream ends once the order is paid").isEqualTo("PAID");
    }

    @Test
    void theWaitPagesStreamEndsOnceTheOrderCanBePaid() throws Exception {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        HttpResponse<Stream<String>> stream = http.stream("/api/orders/" + placed.orderId() + "/events?until=payable"
                + "&token=" + placed.token());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<JsonNode> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamEnds = CompletableFuture.runAsync(() -> stream.body()
                .filter(line -> line.startsWith("data:"))
                .map(line -> dev.atelier.events.EventJson.mapper().readTree(line.substring("data:".length())))
                .forEach(seen::add));

        try (EventPublisher others = EventPublisher.toSharedBroker()) {
            toAwaitingPayment(others, placed, UUID.randomUUID(), "cs_10");
        }

        // the service ends the stream itself: the shopper is on their way to the payment page, nothing is left to wait
        // for, and the connection is not torn down under a response
        streamEnds.get(30, TimeUnit.SECONDS);
        assertThat(seen.getFirst().get("status").asString()).isEqualTo("PLACED");
        assertThat(seen.getLast().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(seen.getLast().get("paymentRedirectUrl").asString())
                .isEqualTo("http://localhost:8085/pay/sandbox/cs_10");
        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    /** Takes the order to AWAITING_PAYMENT as inventory and payment-service would: stock, then the payment page. */
    private static void toAwaitingPayment(EventPublisher others, Placed placed, UUID paymentId, String sessionId) {
        try (EventProbe orderEvents = EventProbe.on(Topics.ORDER_ORDER)) {
            others.publish(new StockReserved(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                    Instant.now().plusSeconds(600)));
            orderEvents.awaitEvent(PaymentRequested.class, e -> e.orderId().equals(placed.orderId()),
                    Duration.ofSeconds(30));
            others.publish(new PaymentSessionCreated(placed.orderId(), paymentId, "sandbox", sessionId,
                    "http://localhost:8085/pay/sandbox/" + sessionId, Instant.now().plusSeconds(600)));
        }
    }

    @Test
    void refusesAStreamThatShouldEndAtAnUnknownPoint() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());

        Http.Answer answer = http.get("/api/orders/" + placed.orderId() + "/events?until=shipped&token="
                + placed.token());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("until");
    }

    @Test
    void streamsAChangeAnotherReplicaMadeAtItsNextPoll() throws Exception {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        HttpResponse<Stream<String>> stream = http.stream("/api/orders/" + placed.orderId() + "/events?token="
                + placed.token());
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamEnds = CompletableFuture.runAsync(() -> stream.body()
                .filter(line -> line.startsWith("data:"))
                .map(line -> dev.atelier.events.EventJson.mapper().readTree(line.substring("data:".length()))
                        .get("status").asString())
                .forEach(seen::add));
        org.awaitility.Awaitility.await("PLACED on the stream").atMost(Duration.ofSeconds(30))
                .until(() -> seen.contains("PLACED"));

        // another replica's transaction: no event in this one, so only the poll can see it
        jdbc.update("UPDATE orders SET status = 'CANCELLED', cancel_reason = 'CUSTOMER_CANCELLED',"
                + " version = version + 1 WHERE id = ?", placed.orderId());
        watchers.sendChanges();

        streamEnds.get(30, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("PLACED", "CANCELLED");
    }
}
