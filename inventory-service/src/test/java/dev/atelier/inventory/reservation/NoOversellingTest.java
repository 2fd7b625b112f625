package dev.atelier.inventory.reservation;

import static dev.atelier.inventory.Orders.aPlacedOrder;
import static dev.atelier.inventory.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.inventory.bundle.BundleComponent;
import dev.atelier.inventory.bundle.Bundles;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two shoppers never both get the last unit, however the orders interleave. */
@InventoryTest
class NoOversellingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Autowired
    StockAdministration administration;

    @Autowired
    Bundles bundles;

    @Autowired
    JdbcTemplate jdbc;

    StockFixture stock;
    EventPublisher publisher;

    @BeforeEach
    void setUp() {
        stock = new StockFixture(administration, jdbc);
        publisher = EventPublisher.toSharedBroker();
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void reservesExactlyTheTenUnitsAmongTwoHundredConcurrentOrders() throws Exception {
        String sku = stock.aSkuWith("LAST-TEN", 10);
        List<OrderPlaced> orders = IntStream.range(0, 200)
                .mapToObj(i -> aPlacedOrder(UUID.randomUUID(), line(sku, 1))).toList();
        try (EventProbe answers = EventProbe.on(Topics.INVENTORY_RESERVATION)) {
            publishConcurrently(orders, 8);

            Map<UUID, Long> answered = awaitOneAnswerEach(answers, orders);

            long reserved = answers.events(StockReserved.class).stream()
                    .filter(e -> answered.containsKey(e.orderId())).count();
            long rejected = answers.events(StockRejected.class).stream()
                    .filter(e -> answered.containsKey(e.orderId())).count();
            assertThat(reserved).isEqualTo(10);
            assertThat(rejected).isEqualTo(190);
            assertThat(answers.events(StockRejected.class).stream().filter(e -> answered.containsKey(e.orderId())))
                    .allSatisfy(e -> assertThat(e.lines()).singleElement()
                            .satisfies(l -> assertThat(l.available()).isZero()));
        }
        // every state the SKU went through, from its ledger (written under the SKU's lock, so in lock order):
        // never a unit reserved that was not on hand, and all ten taken in the end
        Map<String, Object> history = jdbc.queryForMap("""
                SELECT min(on_hand - reserved) AS lowest_available, max(reserved) AS most_reserved
                  FROM (SELECT sum(on_hand_delta) OVER w AS on_hand, sum(reserved_delta) OVER w AS reserved
                          FROM stock_ledger WHERE sku = ? WINDOW w AS (ORDER BY id)) AS running""", sku);
        assertThat(((Number) history.get("lowest_available")).longValue()).as("lowest available ever").isZero();
        assertThat(((Number) history.get("most_reserved")).longValue()).as("most ever reserved").isEqualTo(10);

        assertThat(stock.available(sku)).isZero();
        assertThat(stock.reserved(sku)).isEqualTo(10);
        assertThat(stock.skusWhoseFiguresDifferFromTheLedger()).isEmpty();
        assertThat(stock.skusWhoseReservedDiffersFromHeldReservations()).isEmpty();
    }

    @Test
    void answersEveryMultiLineOrderOnceWhenEightProducersCompeteForSharedSkusAndBundles() throws Exception {
        List<String> skus = IntStream.range(0, 5).mapToObj(i -> stock.aSkuWith("SHARED" + i, 60)).toList();
        String bundleA = StockFixture.uniqueSku("BUNDLE-A");
        String bundleB = StockFixture.uniqueSku("BUNDLE-B");
        bundles.define(bundleA, List.of(new BundleComponent(skus.get(0), 1), new BundleComponent(skus.get(1), 2)));
        bundles.define(bundleB, List.of(new BundleComponent(skus.get(1), 1), new BundleComponent(skus.get(4), 1)));
        List<String> sellable = new ArrayList<>(skus);
        sellable.add(bundleA);
        sellable.add(bundleB);
        Random random = new Random(42);
        List<OrderPlaced> orders = IntStream.range(0, 400).mapToObj(i -> {
            // lines in random order, so that only the service's fixed lock order keeps them from deadlocking
            List<String> picked = new ArrayList<>(sellable);
            java.util.Collections.shuffle(picked, random);
            OrderLine[] lines = picked.subList(0, 1 + random.nextInt(3)).stream()
                    .map(sku -> line(sku, 1 + random.nextInt(3))).toArray(OrderLine[]::new);
            return aPlacedOrder(UUID.randomUUID(), lines);
        }).toList();

        long deadlocksBefore = deadlocks();
        try (EventProbe answers = EventProbe.on(Topics.INVENTORY_RESERVATION);
                EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.ORDER_ORDER, "inventory-service"))) {
            publishConcurrently(orders, 8);
            Map<UUID, Long> answered = awaitOneAnswerEach(answers, orders);

            assertThat(answered.values()).as("one answer per order").containsOnly(1L);
            Set<UUID> ids = orders.stream().map(OrderPlaced::orderId).collect(Collectors.toSet());
            assertThat(deadLetters.records()).noneMatch(r -> ids.stream().anyMatch(id -> r.value().contains(id.toString())));
            long reserved = answers.events(StockReserved.class).stream().filter(e -> ids.contains(e.orderId())).count();
            assertThat(reserved).as("some orders fit, some did not").isBetween(1L, 399L);
        }
        for (String sku : skus) {
            assertThat(stock.available(sku)).isGreaterThanOrEqualTo(0);
        }
        assertThat(stock.skusWhoseFiguresDifferFromTheLedger()).isEmpty();
        assertThat(stock.skusWhoseReservedDiffersFromHeldReservations()).isEmpty();
        assertThat(deadlocks() - deadlocksBefore).as("deadlocks PostgreSQL detected during the run").isZero();
    }

    /** Deadlocks PostgreSQL detected in this database (its statistics, flushed when a transaction ends). */
    private long deadlocks() {
        jdbc.execute("SELECT pg_stat_force_next_flush()");
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        return jdbc.queryForObject("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
                Long.class);
    }

    private void publishConcurrently(List<OrderPlaced> orders, int producers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                sends.add(CompletableFuture.runAsync(() -> {
                    for (int i = producer; i < orders.size(); i += producers) {
                        publisher.send(orders.get(i), UUID.randomUUID());
                    }
                    publisher.flush();
                }, pool));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
    }

    /** Waits until every order has an answer and returns how many answers each got. */
    private static Map<UUID, Long> awaitOneAnswerEach(EventProbe answers, List<OrderPlaced> orders) {
        Set<UUID> ids = new HashSet<>(orders.stream().map(OrderPlaced::orderId).toList());
        return org.awaitility.Awaitility.await("an answer for each of " + ids.size() + " orders")
                .atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<UUID> answered = new ArrayList<>();
                    answers.events(StockReserved.class).forEach(e -> answered.add(e.orderId()));
                    answers.events(StockRejected.class).forEach(e -> answered.add(e.orderId()));
                    return answered.stream().filter(ids::contains)
                            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                }, counts -> counts.size() == ids.size());
    }
}
