package dev.atelier.bench;

import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.EventPublisher;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * Measures inventory-service's reservations: OrderPlaced events are published straight to Kafka, as fast as the
 * producer goes, and every StockReserved/StockRejected is awaited. Runs the service's own jar as a separate JVM
 * on embedded PostgreSQL (durable: fsync on) and Kafka, as in production.
 *
 * <pre>./atelier bench inventory [--orders N] [--skus N] [--hot-units N] [--concurrency N] [--rate N] [--jar PATH]</pre>
 *
 * <p>{@code --rate 0} (the default) publishes every order at once and measures throughput; a rate below it
 * measures the latency of one order on a service that keeps up.
 */
public final class InventoryBenchmark {

    private final Options options;
    private final PrintStream out;

    InventoryBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Settings of one run. */
    record Options(int orders, int skus, int hotUnits, int concurrency, int rate, Path jar, List<String> scenarios,
            boolean durable) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("orders", "10000")),
                    Integer.parseInt(values.getOrDefault("skus", "1000")),
                    Integer.parseInt(values.getOrDefault("hot-units", "100")),
                    Integer.parseInt(values.getOrDefault("concurrency", "2")),
                    Integer.parseInt(values.getOrDefault("rate", "0")),
                    Path.of(values.getOrDefault("jar", "inventory-service/target/inventory-service.jar")),
                    List.of(values.getOrDefault("scenarios", "spread,hot").split(",")),
                    Boolean.parseBoolean(values.getOrDefault("durable", "true")));
        }
    }

    /** What one scenario measured. */
    record Result(String scenario, int orders, long reserved, long rejected, Duration wall, double ordersPerSecond,
            double p50Millis, double p99Millis, double maxMillis) {
    }

    public static void main(String[] args) throws Exception {
        new InventoryBenchmark(Options.parse(args), System.out).run();
    }

    List<Result> run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException(options.jar() + " does not exist: build inventory-service first");
        }
        Path data = Files.createTempDirectory("atelier-bench-inventory");
        out.printf("Starting embedded PostgreSQL (%s) and Kafka...%n", options.durable() ? "fsync on" : "fsync off");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, options.durable() ? data.resolve("pg") : null, true);
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            kafka.createTopics(Topics.ORDER_ORDER, Topics.INVENTORY_RESERVATION, Topics.INVENTORY_STOCK);
            List<Result> results = new ArrayList<>();
            for (String scenario : options.scenarios()) {
                String database = "inventory_" + scenario.trim();
                postgres.createDatabase(database);
                try (Service service = Service.start(options, postgres.jdbcUrl(database), kafka.bootstrapServers(),
                        data.resolve(scenario + ".log"))) {
                    warmUp(service, kafka);
                    results.add(switch (scenario.trim()) {
                        case "spread" -> spread(service, kafka);
                        case "hot" -> hot(service, kafka);
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                    });
                }
            }
            print(results);
            return results;
        } finally {
            BenchSupport.deleteQuietly(data);
        }
    }

    /** The same code paths once before measuring, so that the figures are the JIT-compiled service's. */
    private void warmUp(Service service, EmbeddedKafkaServer kafka) throws Exception {
        int orders = Math.min(3000, options.orders());
        service.seed("WARMUP-A", orders);
        service.seed("WARMUP-B", orders / 3);
        Random random = new Random(3);
        List<OrderPlaced> warmUp = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            warmUp.add(order(random.nextBoolean() ? "WARMUP-A" : "WARMUP-B"));
        }
        Result result = measure("warm-up", warmUp, kafka, 0);
        out.printf("    warmed up with %d orders (%.0f orders/s)%n", orders, result.ordersPerSecond());
    }

    private Result spread(Service service, EmbeddedKafkaServer kafka) throws Exception {
        List<String> skus = new ArrayList<>();
        int unitsEach = Math.max(10, 3 * options.orders() / options.skus());
        out.printf("(a) seeding %d SKUs with %d units each%n", options.skus(), unitsEach);
        for (int i = 0; i < options.skus(); i++) {
            String sku = String.format("BENCH-%05d", i);
            service.seed(sku, unitsEach);
            skus.add(sku);
        }
        Random random = new Random(7);
        List<OrderPlaced> orders = new ArrayList<>();
        for (int i = 0; i < options.orders(); i++) {
            orders.add(order(skus.get(random.nextInt(skus.size()))));
        }
        return measure("(a) " + options.orders() + " orders over " + options.skus() + " SKUs" + paced(), orders, kafka,
                options.rate());
    }

    private Result hot(Service service, EmbeddedKafkaServer kafka) throws Exception {
        out.printf("(b) seeding one hot SKU with %d units%n", options.hotUnits());
        service.seed("BENCH-HOT", options.hotUnits());
        List<OrderPlaced> orders = new ArrayList<>();
        for (int i = 0; i < options.orders(); i++) {
            orders.add(order("BENCH-HOT"));
        }
        Result result = measure("(b) " + options.orders() + " orders on one SKU of " + options.hotUnits() + paced(),
                orders, kafka, options.rate());
        if (result.reserved() != options.hotUnits()) {
            throw new IllegalStateException("the hot SKU reserved " + result.reserved() + " of " + options.hotUnits());
        }
        return result;
    }

    private String paced() {
        return options.rate() > 0 ? " at " + options.rate() + "/s" : "";
    }

    private static OrderPlaced order(String sku) {
        UUID orderId = UUID.randomUUID();
        return new OrderPlaced(orderId, "B-" + orderId.toString().substring(0, 8), "WEB", "bench@example.co.uk", null,
                List.of(new OrderLine(UUID.randomUUID(), sku, 1, Money.gbp(1000), Map.of())), Money.gbp(1000),
                Instant.now());
    }

    /** Publishes the orders (all at once, or {@code rate} a second) while it awaits every answer. */
    private Result measure(String name, List<OrderPlaced> orders, EmbeddedKafkaServer kafka, int rate)
            throws InterruptedException {
        Map<UUID, Long> publishedAt = new ConcurrentHashMap<>();
        orders.forEach(order -> publishedAt.put(order.orderId(), Long.MAX_VALUE));
        try (KafkaConsumer<String, String> answers = BenchSupport.consumerAtEnd(kafka.bootstrapServers(),
                Topics.INVENTORY_RESERVATION);
                EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(),
                        dev.atelier.events.EventCatalog.standard())) {
            long start = System.nanoTime();
            Thread publishing = Thread.ofPlatform().name("bench-publisher").start(() -> {
                long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
                long next = System.nanoTime();
                for (OrderPlaced order : orders) {
                    if (interval > 0) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        next += interval;
                    }
                    publishedAt.put(order.orderId(), System.nanoTime());
                    publisher.send(order, UUID.randomUUID());
                }
                publisher.flush();
                if (!name.equals("warm-up")) {
                    out.printf("    published %d orders in %.2f s%n", orders.size(), (System.nanoTime() - start) / 1e9);
                }
            });
            Map<UUID, Long> answeredAt = new HashMap<>();
            long reserved = 0;
            long rejected = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (answeredAt.size() < orders.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + answeredAt.size() + " answers in 600 s");
                }
                for (ConsumerRecord<String, String> record : answers.poll(Duration.ofMillis(50))) {
                    Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
                    String eventType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (!eventType.equals("StockReserved") && !eventType.equals("StockRejected")) {
                        continue;
                    }
                    UUID orderId = UUID.fromString(EventJson.mapper().readTree(record.value()).get("orderId").asString());
                    if (publishedAt.containsKey(orderId) && answeredAt.putIfAbsent(orderId, System.nanoTime()) == null) {
                        if (eventType.equals("StockReserved")) {
                            reserved++;
                        } else {
                            rejected++;
                        }
                    }
                }
            }
            publishing.join();
            long end = answeredAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
            long[] latencies = answeredAt.entrySet().stream()
                    .mapToLong(e -> Math.max(0, e.getValue() - publishedAt.get(e.getKey()))).sorted().toArray();
            Duration wall = Duration.ofNanos(end - start);
            return new Result(name, orders.size(), reserved, rejected, wall, orders.size() / (wall.toNanos() / 1e9),
                    BenchSupport.percentileMillis(latencies, 0.5), BenchSupport.percentileMillis(latencies, 0.99),
                    BenchSupport.percentileMillis(latencies, 1.0));
        }
    }


    private void print(List<Result> results) {
        out.println();
        out.printf("Inventory reservation benchmark: inbox batch mode, concurrency %d, %d cores, PostgreSQL %s%n",
                options.concurrency(), Runtime.getRuntime().availableProcessors(),
                options.durable() ? "durable (fsync on)" : "fsync off");
        out.printf("%-42s %8s %9s %9s %9s %10s %9s %9s %9s%n", "scenario", "orders", "reserved", "rejected", "wall s",
                "orders/s", "p50 ms", "p99 ms", "max ms");
        for (Result r : results) {
            out.printf("%-42s %8d %9d %9d %9.2f %10.0f %9.0f %9.0f %9.0f%n", r.scenario(), r.orders(), r.reserved(),
                    r.rejected(), r.wall().toMillis() / 1000.0, r.ordersPerSecond(), r.p50Millis(), r.p99Millis(),
                    r.maxMillis());
        }
        out.println("latency = from publishing the OrderPlaced to receiving its answer; all orders are published at"
                + " once, so it includes the time an order queues behind the others; each scenario runs on a fresh"
                + " service, warmed up with 3,000 orders on other SKUs first");
    }

    /** inventory-service running from its jar in a JVM of its own. */
    private static final class Service implements AutoCloseable {

        private final Process process;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;

        private Service(Process process, int port) {
            this.process = process;
            this.base = "http://localhost:" + port;
        }

        static Service start(Options options, String jdbcUrl, String bootstrapServers, Path log) throws IOException {
            BenchSupport.RunningService running = BenchSupport.ServiceJar.of("inventory-service", options.jar())
                    .jvmOptions("-Xmx768m").log(log)
                    .database(jdbcUrl).kafka(bootstrapServers)
                    .property("atelier.messaging.inbox.concurrency", options.concurrency())
                    // the seeding calls the admin API with a staff token: trust the test issuer of this JVM
                    .trustingTestTokens()
                    .property("logging.level.root", "WARN")
                    .start(120);
            return new Service(running.process(), running.port());
        }

        void seed(String sku, long units) throws IOException, InterruptedException {
            post("/api/admin/inventory/skus", "{\"sku\":\"" + sku + "\"}");
            post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":" + units + "}");
        }

        private void post(String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TestTokens.staff())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        @Override
        public void close() throws InterruptedException {
            BenchSupport.stop(process);
        }
    }
}
