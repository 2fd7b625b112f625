package dev.atelier.order.checkout;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.order.Carts;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.order.Shopper;
import dev.atelier.order.Shopper.Placed;
import dev.atelier.order.TestClock;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every path of the checkout saga, end to end: the shopper pays over HTTP, inventory, cart and payment are played
 * by publishing their events, and the order's status, timeline and published events are checked.
 */
@OrderTest
class CheckoutSagaPathsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    SagaTimeouts timeouts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Orders orders;

    @Autowired
    SagaCoordinator coordinator;

    @Autowired
    TransactionTemplate transactions;

    Shopper shopper;
    EventPublisher others;
    EventProbe orderEvents;
    EventProbe deadLetters;

    @BeforeEach
    void setUp() {
        shopper = new Shopper(new Http(port));
        others = EventPublisher.toSharedBroker();
        orderEvents = EventProbe.on(Topics.ORDER_ORDER);
        deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.PAYMENT_PAYMENT, "order-service"),
                Topics.deadLetterOf(Topics.INVENTORY_RESERVATION, "order-service"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        orderEvents.close();
        deadLetters.close();
        others.close();
    }

    private OrderPlaced awaitPlaced(Placed placed) {
        return orderEvents.awaitEvent(OrderPlaced.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
    }

    private PaymentRequested awaitPaymentRequested(Placed placed) {
        return orderEvents.awaitEvent(PaymentRequested.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
    }

    private OrderCancelled awaitCancelled(Placed placed) {
        return orderEvents.awaitEvent(OrderCancelled.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
    }

    private long count(Class<? extends dev.atelier.events.DomainEvent> type, Placed placed) {
        return orderEvents.events(type).stream().filter(e -> e.aggregateId().equals(placed.orderId().toString()))
                .count();
    }

    private void stockReserved(Placed placed) {
        others.publish(new StockReserved(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                Instant.now().plus(Duration.ofMinutes(20))));
    }

    private UUID sessionOpened(Placed placed) {
        UUID paymentId = UUID.randomUUID();
        others.publish(new PaymentSessionCreated(placed.orderId(), paymentId, "sandbox", "cs_" + paymentId,
                "http://localhost:8085/pay/sandbox/cs_" + paymentId, Instant.now().plus(Duration.ofMinutes(30))));
        return paymentId;
    }

    private void paymentSucceeded(Placed placed, UUID paymentId, long amount) {
        others.publish(new PaymentSucceeded(placed.orderId(), paymentId, "sandbox", Money.gbp(amount), Instant.now()));
    }

    private static List<String> causes(JsonNode order) {
        return java.util.stream.StreamSupport.stream(order.get("timeline").spliterator(), false)
                .map(e -> e.get("cause").asString()).toList();
    }

    @Test
    void takesAnOrderWithACouponFromPlacedToPaidAndCommitsItsStock() {
        Carts cart = aCartWithTwoPersonalisedMugs().withCoupon("WINTER10");
        Placed placed = shopper.pays(cart);

        OrderPlaced orderPlaced = awaitPlaced(placed);
        assertThat(orderPlaced.couponCode()).isEqualTo("WINTER10");
        assertThat(orderPlaced.cartId()).isEqualTo(cart.id());
        assertThat(orderPlaced.total()).isEqualTo(Money.gbp(cart.total()));
        assertThat(orderPlaced.lines()).singleElement().satisfies(line -> {
            assertThat(line.personalisation()).containsEntry("name", "Sophie");
            assertThat(line.personalisationLabels()).containsEntry("font", "Font");
            assertThat(line.name()).isEqualTo("Personalised Christmas Mug");
            assertThat(line.previewUrl()).isEqualTo(dev.atelier.order.Carts.MUG_PREVIEW);
        });
        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("PLACED");

        stockReserved(placed);
        others.publish(new CouponRedeemed(cart.id(), placed.orderId(), "WINTER10", Money.gbp(300), Instant.now()));
        PaymentRequested request = awaitPaymentRequested(placed);
        assertThat(request.amount()).isEqualTo(Money.gbp(cart.total()));
        assertThat(request.successUrl()).contains("/orders/" + placed.orderId() + "?token=" + placed.token());

        UUID paymentId = sessionOpened(placed);
        JsonNode awaiting = shopper.awaitStatus(placed, "AWAITING_PAYMENT");
        assertThat(awaiting.get("paymentRedirectUrl").asString()).contains("/pay/sandbox/cs_" + paymentId);

        paymentSucceeded(placed, paymentId, cart.total());
        OrderConfirmed confirmed = orderEvents.awaitEvent(OrderConfirmed.class,
                e -> e.orderId().equals(placed.orderId()), DEADLINE);
        assertThat(confirmed.total()).isEqualTo(Money.gbp(cart.total()));
        assertThat(confirmed.customerEmail()).isEqualTo("sophie@example.co.uk");
        assertThat(confirmed.lines()).hasSize(1);
        others.publish(new StockCommitted(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2))));

        JsonNode paid = shopper.awaitStatus(placed, "PAID");
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> causes(shopper.order(placed)).contains("StockCommitted"));
        List<String> causes = causes(shopper.order(placed));
        assertThat(causes).hasSize(6).startsWith("Checkout")
                .endsWith("PaymentSessionCreated", "PaymentSucceeded", "StockCommitted");
        // stock and coupon answer on different topics, in parallel: either may come first
        assertThat(causes.subList(1, 3)).containsExactlyInAnyOrder("StockReserved", "CouponRedeemed");
        assertThat(paid.get("cancelReason").isNull()).isTrue();
        assertThat(count(PaymentRequested.class, placed)).isEqualTo(1);
        assertThat(count(OrderCancelled.class, placed)).isZero();
    }

    @Test
    void cancelsAnOrderInventoryCannotFill() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        awaitPlaced(placed);

        others.publish(new StockRejected(placed.orderId(), List.of(new RejectedLine("MUG-XMAS-001", 2, 1))));

        OrderCancelled cancelled = awaitCancelled(placed);
        assertThat(cancelled.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(cancelled.paymentTaken()).isFalse();
        JsonNode order = shopper.awaitStatus(placed, "CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(order.get("timeline").get(1).get("note").asString()).contains("MUG-XMAS-001 (2 asked, 1 available)");
        assertThat(count(PaymentRequested.class, placed)).isZero();
    }

    @Test
    void cancelsWhenTheCouponIsRejectedAndRecordsTheStockGivenBack() {
        Carts cart = aCartWithTwoPersonalisedMugs().withCoupon("WINTER10");
        Placed placed = shopper.pays(cart);
        awaitPlaced(placed);

        stockReserved(placed);
        others.publish(new CouponRejected(cart.id(), placed.orderId(), "WINTER10", "USED_UP", Instant.now()));

        OrderCancelled cancelled = awaitCancelled(placed);
        assertThat(cancelled.reason()).isEqualTo("COUPON_UNAVAILABLE");
        assertThat(cancelled.couponCode()).isEqualTo("WINTER10");
        assertThat(cancelled.cartId()).isEqualTo(cart.id());
        others.publish(new StockReleased(placed.orderId(), "CANCELLED", List.of(new StockLine("MUG-XMAS-001", 2))));
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> causes(shopper.order(placed)).contains("StockReleased"));
        JsonNode order = shopper.order(placed);
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("COUPON_UNAVAILABLE");
        assertThat(count(PaymentRequested.class, placed)).isZero();
    }

    @Test
    void cancelsWhenThePaymentFails() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        stockReserved(placed);
        awaitPaymentRequested(placed);
        UUID paymentId = sessionOpened(placed);
        shopper.awaitStatus(placed, "AWAITING_PAYMENT");

        others.publish(new PaymentFailed(placed.orderId(), paymentId, "sandbox", "card_declined", Instant.now()));

        assertThat(awaitCancelled(placed).reason()).isEqualTo("PAYMENT_FAILED");
        JsonNode order = shopper.awaitStatus(placed, "CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("PAYMENT_FAILED");
        assertThat(count(OrderConfirmed.class, placed)).isZero();
    }

    @Test
    void cancelsAnOrderNotPaidWithinThePaymentTimeout() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        stockReserved(placed);
        awaitPaymentRequested(placed);
        sessionOpened(placed);
        shopper.awaitStatus(placed, "AWAITING_PAYMENT");

        clock.advance(Duration.ofMinutes(14));
        timeouts.cancelOverdue();
        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        clock.advance(Duration.ofMinutes(2));
        timeouts.cancelOverdue();

        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(awaitCancelled(placed).reason()).isEqualTo("PAYMENT_TIMEOUT");
    }

    @Test
    void cancelsAnOrderInventoryDoesNotAnswerWithinTheStockTimeout() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        awaitPlaced(placed);

        clock.advance(Duration.ofSeconds(61));
        timeouts.cancelOverdue();

        assertThat(awaitCancelled(placed).reason()).isEqualTo("STOCK_TIMEOUT");
        assertThat(shopper.order(placed).get("cancelReason").asString()).isEqualTo("STOCK_TIMEOUT");
        // inventory's late answer is recorded, and OrderCancelled (after OrderPlaced on the same partition) releases it
        stockReserved(placed);
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> causes(shopper.order(placed)).contains("StockReserved"));
        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(count(PaymentRequested.class, placed)).isZero();
    }

    @Test
    void letsTheShopperCancelBeforePayingButNotAfter() {
        Placed cancelled = shopper.pays(aCartWithTwoPersonalisedMugs());
        awaitPlaced(cancelled);

        Http.Answer answer = shopper.cancels(cancelled);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(answer.body().get("cancelReason").asString()).isEqualTo("CUSTOMER");
        assertThat(awaitCancelled(cancelled).reason()).isEqualTo("CUSTOMER");
        assertThat(shopper.cancels(cancelled).status()).as("cancelling twice").isEqualTo(200);

        Placed paid = shopper.pays(aCartWithTwoPersonalisedMugs());
        stockReserved(paid);
        awaitPaymentRequested(paid);
        UUID paymentId = sessionOpened(paid);
        paymentSucceeded(paid, paymentId, 3393);
        shopper.awaitStatus(paid, "PAID");
        Http.Answer refused = shopper.cancels(paid);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asString()).endsWith("/order-not-cancellable");
    }

    @Test
    void refundsAPaymentThatArrivesAfterTheOrderWasCancelled() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        stockReserved(placed);
        awaitPaymentRequested(placed);
        UUID paymentId = sessionOpened(placed);
        shopper.awaitStatus(placed, "AWAITING_PAYMENT");
        shopper.cancels(placed);

        paymentSucceeded(placed, paymentId, 3393);

        RefundRequested refund = orderEvents.awaitEvent(RefundRequested.class,
                e -> e.orderId().equals(placed.orderId()), DEADLINE);
        assertThat(refund.paymentId()).isEqualTo(paymentId);
        assertThat(refund.amount()).isEqualTo(Money.gbp(3393));
        assertThat(refund.reason()).isEqualTo("LATE_PAYMENT");
        others.publish(new PaymentRefunded(placed.orderId(), paymentId, Money.gbp(3393), "LATE_PAYMENT", Instant.now()));
        JsonNode order = shopper.awaitStatus(placed, "REFUNDED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("CUSTOMER");
        assertThat(count(OrderConfirmed.class, placed)).isZero();
    }

    @Test
    void refundsInFullAPaidOrderWhoseStockInventoryCouldNotCommitAndTellsTheShopperWhy() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        stockReserved(placed);
        awaitPaymentRequested(placed);
        UUID paymentId = sessionOpened(placed);
        paymentSucceeded(placed, paymentId, 3393);
        orderEvents.awaitEvent(OrderConfirmed.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
        List<StockLine> lines = List.of(new StockLine("MUG-XMAS-001", 2));

        // inventory's sweeper gave the stock back before OrderConfirmed reached it, so it refuses to commit
        others.publish(new StockReleased(placed.orderId(), "EXPIRED", lines));
        StockCommitRefused refused = new StockCommitRefused(placed.orderId(), "EXPIRED", lines);
        UUID eventId = others.publish(refused);

        RefundRequested refund = orderEvents.awaitEvent(RefundRequested.class,
                e -> e.orderId().equals(placed.orderId()), DEADLINE);
        assertThat(refund.paymentId()).isEqualTo(paymentId);
        assertThat(refund.amount()).isEqualTo(Money.gbp(3393));
        assertThat(refund.reason()).isEqualTo("STOCK_LOST");
        OrderCancelled cancelled = awaitCancelled(placed);
        assertThat(cancelled.reason()).isEqualTo("STOCK_LOST");
        assertThat(cancelled.paymentTaken()).as("the shopper is told the payment comes back").isTrue();
        assertThat(cancelled.customerEmail()).isEqualTo("sophie@example.co.uk");
        JsonNode order = shopper.awaitStatus(placed, "CANCELLED");
        assertThat(order.get("cancelReason").asString()).isEqualTo("STOCK_LOST");

        // the same refusal redelivered and sent again under a new id; then a marker on the same partition that the
        // saga refuses (dead-letters): once it is dead-lettered, the duplicates before it have been handled
        others.publish(refused, eventId);
        others.publish(refused);
        others.publish(new StockCommitted(placed.orderId(), lines));
        deadLetters.awaitRecords(1, r -> r.topic().equals("inventory.reservation.order-service.dlt")
                && placed.orderId().toString().equals(r.key()), DEADLINE);
        assertThat(count(OrderCancelled.class, placed)).isEqualTo(1);
        assertThat(count(RefundRequested.class, placed)).isEqualTo(1);
        assertThat(causes(shopper.order(placed)).stream().filter("StockCommitRefused"::equals)).hasSize(1);

        others.publish(new PaymentRefunded(placed.orderId(), paymentId, Money.gbp(3393), "order cancelled",
                Instant.now()));
        JsonNode refunded = shopper.awaitStatus(placed, "REFUNDED");
        assertThat(refunded.get("cancelReason").asString()).isEqualTo("STOCK_LOST");
        assertThat(causes(refunded)).endsWith("StockReleased", "StockCommitRefused", "PaymentRefunded");
    }

    @Test
    void changesNothingWhenTheSameAnswerComesTwice() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        awaitPlaced(placed);
        StockReserved reserved = new StockReserved(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                Instant.now().plus(Duration.ofMinutes(20)));

        UUID eventId = others.publish(reserved);
        others.publish(reserved, eventId);
        others.publish(reserved);
        awaitPaymentRequested(placed);
        UUID paymentId = sessionOpened(placed);
        PaymentSucceeded success = new PaymentSucceeded(placed.orderId(), paymentId, "sandbox", Money.gbp(3393),
                Instant.now());
        others.publish(success);
        others.publish(success);
        orderEvents.awaitEvent(OrderConfirmed.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
        // a marker after the duplicates on the same partition: once it is applied, so are they
        others.publish(new StockCommitted(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2))));
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> causes(shopper.order(placed)).contains("StockCommitted"));

        assertThat(count(PaymentRequested.class, placed)).isEqualTo(1);
        assertThat(count(OrderConfirmed.class, placed)).isEqualTo(1);
        assertThat(causes(shopper.order(placed))).containsExactly("Checkout", "StockReserved",
                "PaymentSessionCreated", "PaymentSucceeded", "StockCommitted");
    }

    /**
     * The inbox applies a poll's records in one transaction (several orders' steps in one commit), with two consumers.
     * Here each order's payment events and a repeated stock answer (which locks the order, then changes nothing) come
     * at the same time on both topics, from several producers, in shuffled order. Every order must still be paid
     * exactly once, with nothing dead-lettered and no deadlock. (With Kafka's default range assignment an order's
     * events on both topics reach the same consumer, so this run does not need {@link SagaBatchLocks}; the locks are
     * for assignments that split them.)
     */
    @Test
    void movesManyOrdersAtOnceThroughBatchesWithoutDeadlockOrAStepTwice() throws Exception {
        List<Placed> placed = IntStream.range(0, 40)
                .mapToObj(i -> shopper.pays(aCartWithTwoPersonalisedMugs())).toList();
        placed.forEach(this::awaitPlaced);
        long deadlocksBefore = deadlocks();

        publishConcurrently(placed.stream().<DomainEvent>map(p -> new StockReserved(p.orderId(),
                List.of(new StockLine("MUG-XMAS-001", 2)), Instant.now().plus(Duration.ofMinutes(20)))).toList());
        placed.forEach(this::awaitPaymentRequested);
        List<DomainEvent> answers = new ArrayList<>();
        for (Placed p : placed) {
            UUID paymentId = UUID.randomUUID();
            answers.add(new PaymentSessionCreated(p.orderId(), paymentId, "sandbox", "cs_" + paymentId,
                    "http://localhost:8085/pay/sandbox/cs_" + paymentId, Instant.now().plus(Duration.ofMinutes(30))));
            answers.add(new PaymentSucceeded(p.orderId(), paymentId, "sandbox", Money.gbp(3393), Instant.now()));
            answers.add(new StockReserved(p.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                    Instant.now().plus(Duration.ofMinutes(20))));
        }
        publishConcurrently(answers);

        for (Placed p : placed) {
            orderEvents.awaitEvent(OrderConfirmed.class, e -> e.orderId().equals(p.orderId()), DEADLINE);
        }
        for (Placed p : placed) {
            assertThat(shopper.order(p).get("status").asString()).as("order %s", p.orderNumber()).isEqualTo("PAID");
            assertThat(count(PaymentRequested.class, p)).as("payment asked for %s", p.orderNumber()).isEqualTo(1);
            assertThat(count(OrderConfirmed.class, p)).as("%s confirmed", p.orderNumber()).isEqualTo(1);
        }
        assertThat(deadLetters.records()).isEmpty();
        assertThat(deadlocks() - deadlocksBefore).as("deadlocks PostgreSQL detected").isZero();
    }

    /**
     * A poll's up-front lock reads every order its events move ({@link Orders#lockAll}); each step takes its order's
     * read once. A second step of the same order in the same transaction must read the row again and see the first
     * step's change, and anything else that locks the order drops its read.
     */
    @Test
    void aStepInAPollSeesTheStepBeforeItOfTheSameOrder() {
        Placed first = shopper.pays(aCartWithTwoPersonalisedMugs());
        Placed second = shopper.pays(aCartWithTwoPersonalisedMugs());
        awaitPlaced(first);
        awaitPlaced(second);
        StockReserved firstReserved = new StockReserved(first.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                Instant.now().plus(Duration.ofMinutes(20)));
        StockReserved secondReserved = new StockReserved(second.orderId(),
                List.of(new StockLine("MUG-XMAS-001", 2)), Instant.now().plus(Duration.ofMinutes(20)));

        List<Outcome> outcomes = transactions.execute(status -> {
            orders.lockAll(List.of(first.orderId(), second.orderId()));
            Outcome reserved = coordinator.onEvent(first.orderId(), firstReserved, UUID.randomUUID());
            // the same answer again: the step must see the stock reserved, not the state the poll's lock read
            Outcome again = coordinator.onEvent(first.orderId(), firstReserved, UUID.randomUUID());
            orders.forget(second.orderId());
            Outcome other = coordinator.onEvent(second.orderId(), secondReserved, UUID.randomUUID());
            return List.of(reserved, again, other);
        });

        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Applied.class);
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Unchanged.class);
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.Applied.class);
        awaitPaymentRequested(first);
        awaitPaymentRequested(second);
        assertThat(count(PaymentRequested.class, first)).isEqualTo(1);
        assertThat(causes(shopper.order(first))).containsExactly("Checkout", "StockReserved");
        assertThat(causes(shopper.order(second))).containsExactly("Checkout", "StockReserved");
    }

    /** Sends the events shuffled, from four producers at once, and waits until the broker has them all. */
    private static void publishConcurrently(List<DomainEvent> events) throws Exception {
        List<DomainEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        int producers = 4;
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            sends.add(CompletableFuture.runAsync(() -> {
                try (EventPublisher publisher = EventPublisher.toSharedBroker()) {
                    for (int i = producer; i < shuffled.size(); i += producers) {
                        publisher.send(shuffled.get(i), UUID.randomUUID());
                    }
                    publisher.flush();
                }
            }));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Deadlocks PostgreSQL detected in the orders' database (its statistics, flushed first). */
    private long deadlocks() {
        jdbc.execute("SELECT pg_stat_force_next_flush()");
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        Long deadlocks = jdbc.queryForObject(
                "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", Long.class);
        return deadlocks == null ? 0 : deadlocks;
    }

    @Test
    void keepsAPaymentThatComesBeforeItsSessionUntilTheSessionComes() {
        Placed placed = shopper.pays(aCartWithTwoPersonalisedMugs());
        stockReserved(placed);
        awaitPaymentRequested(placed);
        UUID paymentId = UUID.randomUUID();

        paymentSucceeded(placed, paymentId, 3393);
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> causes(shopper.order(placed)).contains("PaymentSucceeded"));
        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("PLACED");
        others.publish(new PaymentSessionCreated(placed.orderId(), paymentId, "sandbox", "cs_1",
                "http://localhost:8085/pay/sandbox/cs_1", Instant.now().plus(Duration.ofMinutes(30))));

        JsonNode order = shopper.awaitStatus(placed, "PAID");
        assertThat(causes(order)).containsExactly("Checkout", "StockReserved", "PaymentSucceeded",
                "PaymentSessionCreated", "PaymentSucceeded");
        assertThat(order.get("timeline").get(2).get("note").asString()).contains("came before PaymentSessionCreated");
        orderEvents.awaitEvent(OrderConfirmed.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
    }

    @Test
    void deadLettersAnEventTypeItDoesNotKnowAndAnAnswerForAnOrderItDoesNotHave() {
        UUID nobody = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                dev.atelier.testing.SharedInfrastructure.get().kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> unknown = new ProducerRecord<>(Topics.PAYMENT_PAYMENT, nobody.toString(),
                    "{\"orderId\": \"" + nobody + "\"}");
            unknown.headers().add("eventId", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            unknown.headers().add("eventType", "PaymentTeleported".getBytes(StandardCharsets.UTF_8));
            unknown.headers().add("eventVersion", "1".getBytes(StandardCharsets.UTF_8));
            producer.send(unknown);
        }
        others.publish(new StockReserved(nobody, List.of(new StockLine("MUG-XMAS-001", 1)), Instant.now()));

        var unknownType = deadLetters.awaitRecords(1, r -> r.topic().equals("payment.payment.order-service.dlt")
                && nobody.toString().equals(r.key()), DEADLINE).getFirst();
        var unknownOrder = deadLetters.awaitRecords(1,
                r -> r.topic().equals("inventory.reservation.order-service.dlt")
                && nobody.toString().equals(r.key()), DEADLINE).getFirst();
        assertThat(EventProbe.header(unknownType, "atelier-dlt-reason")).contains("unknown event type PaymentTeleported");
        assertThat(EventProbe.header(unknownOrder, "atelier-dlt-reason")).contains("no order " + nobody);
    }
}
