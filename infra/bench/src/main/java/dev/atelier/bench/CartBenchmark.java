package dev.atelier.bench;

import com.sun.net.httpserver.HttpServer;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.EventPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures cart-service's hot paths straight to the service: {@code shoppers} concurrent shoppers (closed loop, no
 * think time) each add an item (a share {@code personalised} of them with a name on a personalisable product, so
 * catalog's validation call is included; the others plain products, which never call catalog) and read their
 * cart, again and again; a shopper starts a new cart every 8 adds. The service runs from its own jar in a
 * separate JVM on embedded PostgreSQL (fsync on) and Kafka; catalog's products arrive as events and its HTTP
 * validation is a stand-in that answers at once (so the figures are cart-service's, not catalog's).
 *
 * <pre>./atelier bench cart [--shoppers 50] [--warm-up 20] [--seconds 30] [--personalised 0.5] [--jar PATH]</pre>
 */
public final class CartBenchmark {

    private static final int PRODUCTS = 40;
    private static final int ADDS_PER_CART = 8;

    private final Options options;
    private final PrintStream out;

    CartBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    record Options(int shoppers, int warmUpSeconds, int seconds, double personalised, Path jar) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("shoppers", "50")),
                    Integer.parseInt(values.getOrDefault("warm-up", "20")),
                    Integer.parseInt(values.getOrDefault("seconds", "30")),
                    Double.parseDouble(values.getOrDefault("personalised", "0.5")),
                    Path.of(values.getOrDefault("jar", "cart-service/target/cart-service.jar")));
        }
    }

    /** One kind of request's figures over the measured window. */
    record Result(String request, long count, long errors, double perSecond, double p50, double p95, double p99,
            double max, Map<Integer, Long> statuses) {
    }

    public static void main(String[] args) throws Exception {
        new CartBenchmark(Options.parse(args), System.out).run();
    }

    List<Result> run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException(options.jar() + " does not exist: build cart-service first");
        }
        Path data = Files.createTempDirectory("atelier-bench-cart");
        AtomicLong validations = new AtomicLong();
        HttpServer catalog = catalogStandIn(validations);
        out.println("Starting embedded PostgreSQL (fsync on) and Kafka...");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data.resolve("pg"), true);
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            kafka.createTopics(Topics.CATALOG_PRODUCT, Topics.ORDER_ORDER, Topics.INVENTORY_STOCK, Topics.CART_CART);
            postgres.createDatabase("cart_bench");
            try (Service service = Service.start(options, postgres.jdbcUrl("cart_bench"), kafka.bootstrapServers(),
                    "http://localhost:" + catalog.getAddress().getPort(), data.resolve("cart-service.log"))) {
                List<String> skus = seed(kafka, service);
                out.printf("Warming up for %d s with %d shoppers...%n", options.warmUpSeconds(), options.shoppers());
                load(service, skus, Duration.ofSeconds(options.warmUpSeconds()));
                long validationsBefore = validations.get();
                out.printf("Measuring for %d s with %d shoppers...%n", options.seconds(), options.shoppers());
                List<Result> results = load(service, skus, Duration.ofSeconds(options.seconds()));
                print(results, validations.get() - validationsBefore);
                return results;
            } finally {
                Path kept = Path.of("infra/bench/target/cart-service-bench.log");
                Files.createDirectories(kept.getParent());
                Files.copy(data.resolve("cart-service.log"), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.println("cart-service's log: " + kept);
            }
        } finally {
            catalog.stop(0);
            BenchSupport.deleteQuietly(data);
        }
    }

    /** Publishes the products (half of them personalisable) and waits until the service sells the last one. */
    private List<String> seed(EmbeddedKafkaServer kafka, Service service) throws Exception {
        List<String> skus = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), EventCatalog.standard())) {
            for (int i = 0; i < PRODUCTS; i++) {
                boolean personalisable = i % 2 == 0;
                String sku = (personalisable ? "BENCH-MUG-" : "BENCH-PLAIN-") + i;
                skus.add(sku);
                publisher.publish(new ProductPublished(UUID.randomUUID(), sku.toLowerCase(), "Bench product " + i,
                        List.of(new SellableVariant(sku, Money.gbp(999 + i * 10L), 400, Map.of("size", "11oz"), null,
                                false)), Instant.now(), "/media/" + sku.toLowerCase() + ".jpg", "STANDARD",
                        List.of("mugs"), personalisable));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = skus.getLast();
        while (service.add(null, last, false).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cart-service never learnt the seeded products");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return skus;
    }

    private List<Result> load(Service service, List<String> skus, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<long[]> adds = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<long[]> reads = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> shoppers = new ArrayList<>();
        for (int s = 0; s < options.shoppers(); s++) {
            shoppers.add(Thread.ofPlatform().name("shopper-" + s).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String cookie = null;
                int added = 0;
                while (System.nanoTime() < end) {
                    boolean personalised = random.nextDouble() < options.personalised();
                    // even indexes are the personalisable products: they always ask catalog, plain ones never do
                    int index = 2 * random.nextInt(skus.size() / 2) + (personalised ? 0 : 1);
                    String sku = skus.get(index);
                    long start = System.nanoTime();
                    Service.Answer add = service.add(cookie, sku, personalised);
                    adds.add(new long[] {System.nanoTime() - start, add.status()});
                    if (add.status() == 200 && add.cookie() != null) {
                        cookie = add.cookie();
                    }
                    start = System.nanoTime();
                    int status = service.read(cookie);
                    reads.add(new long[] {System.nanoTime() - start, status});
                    if (++added == ADDS_PER_CART) {
                        cookie = null;
                        added = 0;
                    }
                }
            }));
        }
        for (Thread shopper : shoppers) {
            shopper.join();
        }
        double seconds = duration.toNanos() / 1e9;
        return List.of(result("add-to-cart", adds, seconds), result("read-cart", reads, seconds));
    }

    /** Latencies of every request (errors included: a slow refusal is slow too), and the answers' statuses. */
    private static Result result(String name, ConcurrentLinkedQueue<long[]> samples, double seconds) {
        long[] sorted = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
        Map<Integer, Long> statuses = new java.util.TreeMap<>(samples.stream()
                .collect(java.util.stream.Collectors.groupingBy(s -> (int) s[1], java.util.stream.Collectors.counting())));
        long errors = samples.stream().filter(s -> s[1] != 200).count();
        return new Result(name, sorted.length, errors, sorted.length / seconds,
                BenchSupport.percentileMillis(sorted, 0.50), BenchSupport.percentileMillis(sorted, 0.95),
                BenchSupport.percentileMillis(sorted, 0.99), BenchSupport.percentileMillis(sorted, 1.0), statuses);
    }

    private void print(List<Result> results, long validations) {
        out.println();
        out.printf("%-12s %9s %7s %9s %9s %9s %9s %9s%n", "request", "count", "errors", "req/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms");
        for (Result r : results) {
            out.printf("%-12s %9d %7d %9.0f %9.1f %9.1f %9.1f %9.1f   statuses %s%n", r.request(), r.count(),
                    r.errors(), r.perSecond(), r.p50(), r.p95(), r.p99(), r.max(), r.statuses());
        }
        out.printf("catalog validations during the measured window: %d%n", validations);
    }

    /** catalog-service's personalisation validation, answering every request as valid with a £3 delta. */
    private static HttpServer catalogStandIn(AtomicLong calls) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 512);
        byte[] body = ("{\"valid\": true, \"values\": {}, \"priceDelta\": {\"amount\": 300, \"currency\": \"GBP\"},"
                + " \"errors\": [], \"labels\": {\"name\": \"Name\"}}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/internal/personalisation/validate", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    /** cart-service's jar in its own JVM. */
    private static final class Service implements AutoCloseable {

        record Answer(int status, String cookie) {
        }

        private final Process process;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;

        private Service(Process process, int port) {
            this.process = process;
            this.base = "http://localhost:" + port;
        }

        static Service start(Options options, String jdbcUrl, String bootstrapServers, String catalogUrl, Path log)
                throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx768m", "-jar", options.jar().toString(),
                    "--server.port=" + port,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                    "--atelier.catalog.base-url=" + catalogUrl,
                    "--atelier.cart.secure-cookie=false",
                    "--management.tracing.sampling.probability=0",
                    "--logging.level.root=WARN")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Service service = new Service(process, port);
            BenchSupport.awaitReady(process, service.base, 180, log,
                    "cart-service");
            return service;
        }

        Answer add(String cookie, String sku, boolean personalised) {
            String personalisation = personalised
                    ? ", \"personalisation\": {\"name\": \"" + NAMES[ThreadLocalRandom.current().nextInt(NAMES.length)]
                            + "\"}"
                    : "";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/cart/items"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\": \"" + sku + "\", \"quantity\": 1"
                            + personalisation + "}"));
            if (cookie != null) {
                request.header("Cookie", "cart_id=" + cookie);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String set = response.headers().firstValue("Set-Cookie").orElse(null);
                return new Answer(response.statusCode(),
                        set == null ? null : set.substring("cart_id=".length(), set.indexOf(';')));
            } catch (IOException e) {
                return new Answer(599, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(599, null);
            }
        }

        int read(String cookie) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/cart")).GET();
            if (cookie != null) {
                request.header("Cookie", "cart_id=" + cookie);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return 599;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 599;
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        private static final String[] NAMES = Arrays.asList("Sophie", "Oliver", "Amelia", "Noah", "Isla", "Leo",
                "Ava", "Jack").toArray(String[]::new);
    }
}
