package dev.atelier.inventory.reservation;

import static dev.atelier.inventory.Orders.aPlacedOrder;
import static dev.atelier.inventory.Orders.aPlacedOrderOf;
import static dev.atelier.inventory.Orders.line;
import static dev.atelier.inventory.Orders.theCancellationOf;
import static dev.atelier.inventory.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.Topics;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.Money;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.inventory.bundle.BundleComponent;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.inventory.Orders;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each checkout step moves stock once, whatever order and however often its events arrive. */
@InventoryTest
class ReservationLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    StockAdministration administration;

    @Autowired
    Bundles bundles;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    StockFixture stock;
    EventPublisher publisher;
    EventProbe answers;
    EventProbe stockEvents;
    EventProbe deadLetters;

    @BeforeEach
    void setUp() {
        stock = new StockFixture(administration, jdbc);
        publisher = EventPublisher.toSharedBroker();
        answers = EventProbe.on(Topics.INVENTORY_RESERVATION);
        stockEvents = EventProbe.on(Topics.INVENTORY_STOCK);
        deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.ORDER_ORDER, "inventory-service"));
    }

    @AfterEach
    void tearDown() {
        answers.close();
        stockEvents.close();
        deadLetters.close();
        publisher.close();
    }

    private StockReserved awaitReserved(UUID orderId) {
        return answers.awaitEvent(StockReserved.class, e -> e.orderId().equals(orderId), DEADLINE);
    }

    /**
     * Publishes an order on every partition of the topic and waits for their answers: each partition has moved past
     * what came before it.
     */
    private void awaitQuiet() {
        String sku = stock.aSkuWith("SENTINEL", EmbeddedKafkaServer.DEFAULT_PARTITIONS);
        for (UUID orderId : Orders.oneOrderIdPerPartition(EmbeddedKafkaServer.DEFAULT_PARTITIONS)) {
            OrderPlaced sentinel = aPlacedOrder(orderId, line(sku, 1));
            publisher.publish(sentinel);
            awaitReserved(sentinel.orderId());
        }
    }

    private long answersFor(UUID orderId) {
        return answers.events(StockReserved.class).stream().filter(e -> e.orderId().equals(orderId)).count()
                + answers.events(StockRejected.class).stream().filter(e -> e.orderId().equals(orderId)).count();
    }

    private long ledgerRows(UUID orderId, String kind) {
        return jdbc.queryForObject("SELECT count(*) FROM stock_ledger WHERE reference = ? AND kind = ?", Long.class,
                orderId.toString(), kind);
    }

    private double refusedCommits(String reason) {
        var counter = meters.find("atelier.inventory.commit.refused").tags("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void reservesAllLinesAndAnnouncesTheNewFigures() {
        String mug = stock.aSkuWith("MUG", 5);
        String pen = stock.aSkuWith("PEN", 3);
        OrderPlaced order = aPlacedOrder(UUID.randomUUID(), line(mug, 2), line(pen, 1));

        publisher.publish(order);

        StockReserved reserved = awaitReserved(order.orderId());
        assertThat(reserved.lines()).containsExactlyInAnyOrder(new StockLine(mug, 2), new StockLine(pen, 1));
        assertThat(reserved.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(19)),
                Instant.now().plus(Duration.ofMinutes(21)));
        assertThat(stock.available(mug)).isEqualTo(3);
        assertThat(stock.reserved(pen)).isEqualTo(1);
        StockLevelChanged mugLevel = stockEvents.awaitEvent(StockLevelChanged.class,
                e -> e.sku().equals(mug) && e.reserved() == 2, DEADLINE);
        assertThat(mugLevel.available()).isEqualTo(3);
        assertThat(mugLevel.onHand()).isEqualTo(5);
    }

    @Test
    void reservesNothingWhenOneLineIsShortAndSaysWhatWasShort() {
        String mug = stock.aSkuWith("MUG", 5);
        String pen = stock.aSkuWith("PEN", 1);
        OrderPlaced order = aPlacedOrder(UUID.randomUUID(), line(mug, 2), line(pen, 3));

        publisher.publish(order);

        StockRejected rejected = answers.awaitEvent(StockRejected.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
        assertThat(rejected.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo(pen);
            assertThat(l.requested()).isEqualTo(3);
            assertThat(l.available()).isEqualTo(1);
        });
        assertThat(stock.reserved(mug)).isZero();
        assertThat(stock.reserved(pen)).isZero();
        assertThat(stock.reservation(order.orderId())).containsEntry("status", "REJECTED");
    }

    @Test
    void rejectsAnOrderForASkuItDoesNotStock() {
        OrderPlaced order = aPlacedOrderOf(StockFixture.uniqueSku("NOWHERE"), 1);

        publisher.publish(order);

        StockRejected rejected = answers.awaitEvent(StockRejected.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
        assertThat(rejected.lines()).singleElement().satisfies(l -> assertThat(l.available()).isZero());
    }

    @Test
    void countsABundleAndALineThatShareAComponentTogether() {
        String notebook = stock.aSkuWith("NOTEBOOK", 3);
        String pen = stock.aSkuWith("PEN", 10);
        String giftSet = StockFixture.uniqueSku("GIFTSET");
        bundles.define(giftSet, List.of(new BundleComponent(notebook, 1), new BundleComponent(pen, 2)));
        OrderPlaced fits = aPlacedOrder(UUID.randomUUID(), line(giftSet, 2), line(notebook, 1));
        OrderPlaced tooMany = aPlacedOrder(UUID.randomUUID(), line(giftSet, 1), line(notebook, 1));

        publisher.publish(fits);
        StockReserved reserved = awaitReserved(fits.orderId());
        publisher.publish(tooMany);
        StockRejected rejected = answers.awaitEvent(StockRejected.class, e -> e.orderId().equals(tooMany.orderId()), DEADLINE);

        assertThat(reserved.lines()).containsExactlyInAnyOrder(new StockLine(notebook, 3), new StockLine(pen, 4));
        assertThat(rejected.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo(notebook);
            assertThat(l.requested()).isEqualTo(2);
            assertThat(l.available()).isZero();
        });
    }

    @Test
    void reservesOnceAndAnswersARepeatedOrderPlacedWithTheSameAnswer() {
        String sku = stock.aSkuWith("TWICE", 10);
        OrderPlaced order = aPlacedOrderOf(sku, 3);

        UUID eventId = publisher.publish(order);
        publisher.publish(order, eventId);
        StockReserved first = awaitReserved(order.orderId());
        publisher.publish(order);
        await("the repeated request is answered").atMost(DEADLINE).until(() -> answersFor(order.orderId()) == 2);
        awaitQuiet();

        assertThat(answersFor(order.orderId())).as("the redelivered event is not answered, the new request is")
                .isEqualTo(2);
        assertThat(answers.events(StockReserved.class)).filteredOn(e -> e.orderId().equals(order.orderId()))
                .containsOnly(first);
        assertThat(stock.reserved(sku)).isEqualTo(3);
        assertThat(ledgerRows(order.orderId(), "RESERVE")).isEqualTo(1);
    }

    @Test
    void answersARepeatedOrderPlacedThatWasRejectedWithTheSameRejection() {
        String sku = stock.aSkuWith("SHORT-TWICE", 1);
        OrderPlaced order = aPlacedOrderOf(sku, 3);

        publisher.publish(order);
        StockRejected first = answers.awaitEvent(StockRejected.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
        administration.receive(sku, 10, "test", "LATER", null);
        publisher.publish(order);
        await("the repeated request is answered").atMost(DEADLINE).until(() -> answersFor(order.orderId()) == 2);

        assertThat(answers.events(StockRejected.class)).filteredOn(e -> e.orderId().equals(order.orderId()))
                .containsOnly(first);
        assertThat(first.lines()).containsExactly(new RejectedLine(sku, 3, 1));
        assertThat(stock.reserved(sku)).isZero();
    }

    @Test
    void releasesOnceWhenTheCancellationArrivesThreeTimes() {
        String sku = stock.aSkuWith("CANCEL", 10);
        OrderPlaced order = aPlacedOrderOf(sku, 4);
        publisher.publish(order);
        awaitReserved(order.orderId());

        UUID cancellation = publisher.publish(theCancellationOf(order, "CUSTOMER"));
        publisher.publish(theCancellationOf(order, "CUSTOMER"), cancellation);
        publisher.publish(theCancellationOf(order, "CUSTOMER"));

        StockReleased released = answers.awaitEvent(StockReleased.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
        awaitQuiet();
        assertThat(released.reason()).isEqualTo("CANCELLED");
        assertThat(released.lines()).containsExactly(new StockLine(sku, 4));
        assertThat(answers.events(StockReleased.class).stream().filter(e -> e.orderId().equals(order.orderId())))
                .hasSize(1);
        assertThat(stock.reserved(sku)).isZero();
        assertThat(stock.onHand(sku)).isEqualTo(10);
        assertThat(ledgerRows(order.orderId(), "RELEASE")).isEqualTo(1);
        assertThat(stock.skusWhoseFiguresDifferFromTheLedger()).isEmpty();
    }

    @Test
    void commitsAPaidOrderAndIgnoresALaterCancellation() {
        String sku = stock.aSkuWith("PAID", 10);
        OrderPlaced order = aPlacedOrderOf(sku, 2);
        publisher.publish(order);
        awaitReserved(order.orderId());

        publisher.publish(theConfirmationOf(order));
        publisher.publish(theConfirmationOf(order));
        StockCommitted committed = answers.awaitEvent(StockCommitted.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
        publisher.publish(theCancellationOf(order, "CUSTOMER"));
        awaitQuiet();

        assertThat(committed.lines()).containsExactly(new StockLine(sku, 2));
        assertThat(answers.events(StockCommitted.class).stream().filter(e -> e.orderId().equals(order.orderId())))
                .hasSize(1);
        assertThat(answers.events(StockReleased.class)).noneMatch(e -> e.orderId().equals(order.orderId()));
        assertThat(stock.onHand(sku)).isEqualTo(8);
        assertThat(stock.reserved(sku)).isZero();
        assertThat(stock.reservation(order.orderId())).containsEntry("status", "COMMITTED");
        assertThat(stock.skusWhoseFiguresDifferFromTheLedger()).isEmpty();
        // the commit leaves available as it was (8) but changes on hand and reserved: the figures are announced
        await("the committed figures are announced").atMost(DEADLINE).until(() -> stockEvents
                .events(StockLevelChanged.class).contains(new StockLevelChanged(sku, 8, 0, 8)));
    }

    @Test
    void refusesAndReportsACommitAfterTheReservationWasReleased() {
        String sku = stock.aSkuWith("LOST", 5);
        OrderPlaced order = aPlacedOrderOf(sku, 1);
        publisher.publish(order);
        awaitReserved(order.orderId());
        publisher.publish(theCancellationOf(order, "PAYMENT_TIMEOUT"));
        answers.awaitEvent(StockReleased.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
        double refusedBefore = refusedCommits("RELEASED");

        publisher.publish(theConfirmationOf(order));

        StockCommitRefused refused = answers.awaitEvent(StockCommitRefused.class,
                e -> e.orderId().equals(order.orderId()), DEADLINE);
        assertThat(refused.reason()).isEqualTo("RELEASED");
        assertThat(refused.lines()).containsExactly(new StockLine(sku, 1));
        await("the alert is counted").atMost(DEADLINE).until(() -> refusedCommits("RELEASED") == refusedBefore + 1);
        assertThat(answers.events(StockCommitted.class)).noneMatch(e -> e.orderId().equals(order.orderId()));
        assertThat(deadLetters.records()).noneMatch(r -> r.value().contains(order.orderId().toString()));
        assertThat(stock.onHand(sku)).isEqualTo(5);
        assertThat(stock.reserved(sku)).isZero();
    }

    @Test
    void treatsEventsForUnknownOrdersAsTheyDeserve() {
        OrderPlaced neverSeen = aPlacedOrderOf(StockFixture.uniqueSku("GHOST"), 1);

        publisher.publish(theCancellationOf(neverSeen, "CUSTOMER"));
        publisher.publish(theConfirmationOf(neverSeen));
        publisher.publish(new PaymentRequested(neverSeen.orderId(), neverSeen.orderNumber(), Money.gbp(100), "card",
                "shopper@example.co.uk", Instant.now()));

        StockCommitRefused refused = answers.awaitEvent(StockCommitRefused.class,
                e -> e.orderId().equals(neverSeen.orderId()), DEADLINE);
        assertThat(refused.reason()).isEqualTo("NOT_PLACED");
        assertThat(refused.lines()).isEmpty();
        awaitQuiet();
        assertThat(deadLetters.records()).noneMatch(r -> r.value().contains(neverSeen.orderId().toString()));
        assertThat(answers.records()).filteredOn(r -> r.value().contains(neverSeen.orderId().toString()))
                .as("the refused commit is the only answer: nothing to release, the payment request is ignored")
                .hasSize(1);
    }
}
