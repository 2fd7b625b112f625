package dev.atelier.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.order.CartStub;
import dev.atelier.order.Carts;
import dev.atelier.order.OrderApplication;
import dev.atelier.order.Shopper;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import dev.atelier.testing.SharedInfrastructure;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * 100 checkouts in flight, order-service killed with SIGKILL (a child JVM) at a random point and started again on
 * the same database: every order ends PAID within 60 s of the restart, none has two reservations or two payments
 * asked for, and every order's timeline holds each step exactly once. Inventory and payment are played by a
 * consumer of {@code order.order} that answers each order once, as the real services (idempotent per order) do.
 */
@Order(Integer.MAX_VALUE)
class CheckoutCrashTest {

    private static final int ORDERS = 100;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final SharedInfrastructure infrastructure = SharedInfrastructure.get();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final UUID testRun = UUID.randomUUID();
    private final String email = "crash-" + testRun + "@example.co.uk";
    private final Map<String, Set<UUID>> published = new ConcurrentHashMap<>();
    private final List<Process> children = new ArrayList<>();
    private volatile boolean partnersRunning = true;
    private String jdbcUrl = "";
    private int port;

    @AfterEach
    void stopChildren() {
        partnersRunning = false;
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void everyOrderReachesItsEndOnceAfterAKillInTheMiddleOfCheckouts() throws Exception {
        jdbcUrl = infrastructure.freshDatabase("orders_crash");
        port = freePort();
        KafkaConsumer<String, String> orderEvents = followOrders();
        Thread partners = Thread.ofPlatform().daemon().name("crash-partners")
                .start(() -> playInventoryAndPayment(orderEvents));
        Process first = startOrderService(1);
        awaitReady(first);

        int killAfter = 10 + new Random().nextInt(60);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService shoppers = Executors.newFixedThreadPool(8);
        List<Future<UUID>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Carts cart = Carts.aCartWithTwoPersonalisedMugs().served();
            String key = UUID.randomUUID().toString();
            String body = Shopper.checkoutBody(cart, "card").replace("sophie@example.co.uk", email);
            orders.add(shoppers.submit(() -> checkoutRetryingUntilAccepted(body, key, accepted)));
        }
        Awaitility.await("the " + killAfter + "th accepted checkout").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(5)).until(() -> accepted.get() >= killAfter);
        first.destroyForcibly().waitFor();
        int acceptedBeforeTheKill = accepted.get();

        Process second = startOrderService(2);
        awaitReady(second);
        Instant restarted = Instant.now();
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        for (Future<UUID> order : orders) {
            ids.add(order.get());
        }
        shoppers.shutdown();

        Awaitility.await("every order at its end within 60 s of the restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(this::orderCountByStatus, counts -> counts.equals(Map.of("PAID", (long) ORDERS)));
        Duration settled = Duration.between(restarted, Instant.now());

        assertThat(ids).hasSize(ORDERS);
        assertThat(statuses()).hasSize(ORDERS).containsOnlyKeys(ids);
        Awaitility.await("OrderConfirmed of every order relayed").atMost(Duration.ofSeconds(30))
                .until(() -> eventIdsOf("OrderConfirmed").size() == ORDERS);
        for (UUID id : ids) {
            assertThat(published.getOrDefault("OrderPlaced:" + id, Set.of())).as("OrderPlaced of %s", id).hasSize(1);
            assertThat(published.getOrDefault("PaymentRequested:" + id, Set.of())).as("PaymentRequested of %s", id)
                    .hasSize(1);
            assertThat(published.getOrDefault("OrderConfirmed:" + id, Set.of())).as("OrderConfirmed of %s", id)
                    .hasSize(1);
        }
        assertThat(timelines()).allSatisfy((id, causes) -> assertThat(causes).as("timeline of %s", id)
                .containsExactly("Checkout", "StockReserved", "PaymentSessionCreated", "PaymentSucceeded"));
        System.out.printf("crash test: killed after %d accepted checkouts; all %d orders PAID %d ms after the restart%n",
                acceptedBeforeTheKill, ORDERS, settled.toMillis());
        partners.interrupt();
    }

    /** A shopper who, when the service does not answer, presses "Pay" again with the same Idempotency-Key. */
    private UUID checkoutRetryingUntilAccepted(String body, String key, AtomicInteger accepted) {
        return Awaitility.await("checkout accepted").atMost(Duration.ofMinutes(6)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200)).until(() -> checkoutOnce(body, key, accepted), id -> id != null);
    }

    private UUID checkoutOnce(String body, String key, AtomicInteger accepted) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/checkout"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                accepted.incrementAndGet();
                return UUID.fromString(EventJson.mapper().readTree(response.body()).get("orderId").asString());
            }
            if (response.statusCode() < 500) {
                throw new IllegalStateException("checkout refused: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException serviceDown) {
            // killed or not yet back: the shopper tries again
        }
        return null;
    }

    private Process startOrderService(int generation) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), OrderApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + dev.atelier.testing.EmbeddedPostgresServer.USER,
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafka().bootstrapServers(),
                "--atelier.checkout.cart-url=http://localhost:" + CartStub.port(),
                // the kill is what this test is about: on this shared machine a restart alone may outlast the
                // 60 s stock timeout, which would (rightly) cancel orders and hide what the kill did
                "--atelier.saga.stock-timeout=10m",
                "--atelier.checkout.cart-timeout=10s",
                // its own consumer group, so that the test JVM's order-service (other test classes) and this one
                // never take each other's partitions; a short session so the killed one's partitions move on quickly
                "--atelier.messaging.inbox.group-id=order-service-crash-" + testRun,
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000",
                "--management.otlp.metrics.export.enabled=false",
                "--management.tracing.export.enabled=false",
                "--logging.level.root=WARN"));
        File log = new File("target/crash-order-service-" + generation + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
        children.add(process);
        return process;
    }

    private void awaitReady(Process process) {
        Awaitility.await("order-service ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("order-service exited with " + process.exitValue());
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    /** A consumer of order.order from its current end, set up before anything of this test is published. */
    private KafkaConsumer<String, String> followOrders() {
        // a fresh broker has no order.order yet: a probe creates it, so that there are partitions to follow
        EventProbe.on(Topics.ORDER_ORDER).close();
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_ORDER, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Inventory and payment, answering each order of this test once, whatever the relay sends twice. */
    private void playInventoryAndPayment(KafkaConsumer<String, String> orders) {
        Set<UUID> reserved = ConcurrentHashMap.newKeySet();
        Set<UUID> paid = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, String> consumer = orders;
                EventPublisher partners = EventPublisher.toSharedBroker()) {
            while (partnersRunning) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    String type = header(record, "eventType");
                    String eventId = header(record, "eventId");
                    if (type == null || eventId == null) {
                        continue;
                    }
                    EventType eventType = EventCatalog.standard().find(type, 1).orElse(null);
                    if (eventType == null) {
                        continue;
                    }
                    var event = EventJson.read(record.value(), eventType.javaType());
                    if (event instanceof OrderPlaced placed && email.equals(placed.customerEmail())) {
                        record(type, placed.orderId(), eventId);
                        if (reserved.add(placed.orderId())) {
                            partners.publish(new StockReserved(placed.orderId(),
                                    List.of(new StockLine("MUG-XMAS-001", 2)), Instant.now().plusSeconds(1200)));
                        }
                    } else if (event instanceof PaymentRequested request && email.equals(request.customerEmail())) {
                        record(type, request.orderId(), eventId);
                        if (paid.add(request.orderId())) {
                            UUID paymentId = UUID.randomUUID();
                            partners.publish(new PaymentSessionCreated(request.orderId(), paymentId, "sandbox",
                                    "cs_" + paymentId, "http://localhost/pay/" + paymentId,
                                    Instant.now().plusSeconds(1800)));
                            partners.publish(new PaymentSucceeded(request.orderId(), paymentId, "sandbox",
                                    request.amount(), Instant.now()));
                        }
                    } else if (event instanceof dev.atelier.events.order.OrderConfirmed confirmed
                            && email.equals(confirmed.customerEmail())) {
                        record(type, confirmed.orderId(), eventId);
                    }
                }
            }
        }
    }

    private void record(String type, UUID orderId, String eventId) {
        published.computeIfAbsent(type + ":" + orderId, k -> ConcurrentHashMap.newKeySet())
                .add(UUID.fromString(eventId));
    }

    private Set<String> eventIdsOf(String type) {
        Set<String> orders = new java.util.HashSet<>();
        published.keySet().stream().filter(k -> k.startsWith(type + ":")).forEach(orders::add);
        return orders;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Map<UUID, String> statuses() throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        try (Connection connection = connect();
                var query = connection.prepareStatement("SELECT id, status FROM orders WHERE email = ?")) {
            query.setString(1, email);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    private Map<String, Long> orderCountByStatus() throws SQLException {
        return statuses().values().stream().collect(java.util.stream.Collectors.groupingBy(s -> s,
                java.util.stream.Collectors.counting()));
    }

    private Map<UUID, List<String>> timelines() throws SQLException {
        Map<UUID, List<String>> timelines = new HashMap<>();
        try (Connection connection = connect();
                var query = connection.prepareStatement("SELECT t.order_id, t.cause FROM order_timeline t "
                        + "JOIN orders o ON o.id = t.order_id WHERE o.email = ? ORDER BY t.id")) {
            query.setString(1, email);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    timelines.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        return timelines;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dev.atelier.testing.EmbeddedPostgresServer.USER, "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
