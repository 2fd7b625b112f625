package dev.atelier.bench;

import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.EventPublisher;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

/**
 * Measures payment-service on its sandbox provider, the path every local checkout takes: PaymentRequested published
 * to Kafka → PaymentSessionCreated on {@code payment.payment} (sessions/s, latency), then each session paid over HTTP
 * on the sandbox page, which sends a Stripe-signed webhook to the service's own endpoint → PaymentSucceeded on
 * Kafka (verified webhooks/s, the pay call's latency, and pay → PaymentSucceeded on the topic). Runs the service's jar
 * in a JVM of its own on embedded PostgreSQL (durable) and Kafka.
 *
 * <pre>./atelier bench payment [--payments N] [--warm-up N] [--concurrency N] [--rate N] [--jar PATH] [--jfr PATH]</pre>
 *
 * <p>Without {@code --rate} the requests go at once and the pay calls {@code --concurrency} at a time (throughput);
 * {@code --rate 100} paces both, which measures one payment's latency on a service that keeps up. {@code --jfr} records
 * the service's JVM with Flight Recorder into that file (profile settings), for {@code jfr print --events
 * jdk.ExecutionSample}.
 */
public final class PaymentBenchmark {

    private final Options options;
    private final PrintStream out;

    PaymentBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    record Options(int payments, int warmUp, int concurrency, int rate, Path jar, String jfr) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("payments", "5000")),
                    Integer.parseInt(values.getOrDefault("warm-up", "500")),
                    Integer.parseInt(values.getOrDefault("concurrency", "16")),
                    Integer.parseInt(values.getOrDefault("rate", "0")),
                    Path.of(values.getOrDefault("jar", "payment-service/target/payment-service.jar")),
                    values.getOrDefault("jfr", ""));
        }
    }

    /** One hop's figures. */
    record Hop(String name, int count, Duration wall, double perSecond, double p50, double p99, double max) {
    }

    public static void main(String[] args) throws Exception {
        new PaymentBenchmark(Options.parse(args), System.out).run();
    }

    List<Hop> run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException(options.jar() + " does not exist: build payment-service first");
        }
        Path data = Files.createTempDirectory("atelier-bench-payment");
        out.println("Starting embedded PostgreSQL (fsync on) and Kafka...");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data.resolve("pg"), true);
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            kafka.createTopics(Topics.ORDER_ORDER, Topics.PAYMENT_PAYMENT);
            postgres.createDatabase("payment");
            try (Service service = Service.start(options, postgres.jdbcUrl("payment"), kafka.bootstrapServers(),
                    data.resolve("payment-service.log"))) {
                if (options.warmUp() > 0) {
                    out.printf("Warming up with %d payments...%n", options.warmUp());
                    measure(service, kafka, options.warmUp(), 0, true);
                }
                List<Hop> hops = measure(service, kafka, options.payments(), options.rate(), false);
                print(hops);
                return hops;
            }
        } finally {
            BenchSupport.deleteQuietly(data);
        }
    }

    private List<Hop> measure(Service service, EmbeddedKafkaServer kafka, int count, int rate, boolean warmUp)
            throws Exception {
        List<PaymentRequested> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID orderId = UUID.randomUUID();
            requests.add(new PaymentRequested(orderId, "B-" + orderId.toString().substring(0, 8), Money.gbp(2599),
                    "card", "bench@example.co.uk", Instant.now()));
        }
        Map<UUID, Long> requestedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> sessionAt = new ConcurrentHashMap<>();
        Map<UUID, String> sessionOf = new ConcurrentHashMap<>();
        Map<UUID, Long> paySentAt = new ConcurrentHashMap<>();
        Map<UUID, Long> payAnsweredAt = new ConcurrentHashMap<>();
        Map<UUID, Long> succeededAt = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> events = BenchSupport.consumerAtEnd(kafka.bootstrapServers(),
                Topics.PAYMENT_PAYMENT);
                EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), EventCatalog.standard())) {
            Thread consumer = Thread.ofPlatform().name("bench-consumer").start(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
                while (succeededAt.size() < count && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
                        String eventType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                        JsonNode json = EventJson.mapper().readTree(record.value());
                        UUID orderId = UUID.fromString(json.get("orderId").asString());
                        if (eventType.equals("PaymentSessionCreated")) {
                            sessionOf.put(orderId, json.get("sessionId").asString());
                            sessionAt.putIfAbsent(orderId, now);
                        } else if (eventType.equals("PaymentSucceeded")) {
                            succeededAt.putIfAbsent(orderId, now);
                        }
                    }
                }
            });

            long sessionsStart = System.nanoTime();
            pace(requests, rate, request -> {
                requestedAt.put(request.orderId(), System.nanoTime());
                publisher.send(request, UUID.randomUUID());
            });
            publisher.flush();
            await(() -> sessionAt.size() >= count, "sessions");
            long sessionsEnd = sessionAt.values().stream().mapToLong(Long::longValue).max().orElse(sessionsStart);

            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            AtomicInteger failures = new AtomicInteger();
            Semaphore inFlight = new Semaphore(rate > 0 ? 512 : options.concurrency());
            long payStart = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                pace(requests, rate, request -> {
                    inFlight.acquireUninterruptibly();
                    pool.execute(() -> {
                        try {
                            paySentAt.put(request.orderId(), System.nanoTime());
                            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(service.base
                                    + "/pay/sandbox/" + sessionOf.get(request.orderId()) + "/pay"))
                                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                            payAnsweredAt.put(request.orderId(), System.nanoTime());
                            if (answer.statusCode() != 303) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        } finally {
                            inFlight.release();
                        }
                    });
                });
            }
            long payEnd = System.nanoTime();
            await(() -> succeededAt.size() >= count, "PaymentSucceeded");
            consumer.join();
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " pay calls failed");
            }
            if (warmUp) {
                return List.of();
            }
            String paced = rate > 0 ? " at " + rate + "/s" : "";
            long succeededEnd = succeededAt.values().stream().mapToLong(Long::longValue).max().orElse(payStart);
            return List.of(
                    hop("PaymentRequested -> PaymentSessionCreated" + paced, requestedAt, sessionAt, sessionsStart, sessionsEnd),
                    hop("sandbox pay (signed webhook verified)" + paced, paySentAt, payAnsweredAt, payStart, payEnd),
                    hop("pay -> PaymentSucceeded on Kafka" + paced, paySentAt, succeededAt, payStart, succeededEnd));
        }
    }

    private interface Step {
        void accept(PaymentRequested request) throws Exception;
    }

    private static void pace(List<PaymentRequested> requests, int rate, Step step) throws Exception {
        long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
        long next = System.nanoTime();
        for (PaymentRequested request : requests) {
            if (interval > 0) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
            }
            step.accept(request);
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all " + what + " arrived within 600 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static Hop hop(String name, Map<UUID, Long> from, Map<UUID, Long> to, long start, long end) {
        long[] latencies = to.entrySet().stream().filter(e -> from.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, e.getValue() - from.get(e.getKey()))).sorted().toArray();
        Duration wall = Duration.ofNanos(Math.max(1, end - start));
        return new Hop(name, latencies.length, wall, latencies.length / (wall.toNanos() / 1e9),
                BenchSupport.percentileMillis(latencies, 0.5), BenchSupport.percentileMillis(latencies, 0.99),
                BenchSupport.percentileMillis(latencies, 1.0));
    }

    private void print(List<Hop> hops) {
        out.println();
        out.printf("Payment benchmark (sandbox provider): %d payments, %d cores, PostgreSQL durable (fsync on), %s%n",
                options.payments(), Runtime.getRuntime().availableProcessors(),
                options.rate() > 0 ? "paced at " + options.rate() + "/s" : "pay calls " + options.concurrency() + " at a time");
        out.printf("%-55s %7s %8s %9s %8s %8s %8s%n", "hop", "count", "wall s", "per s", "p50 ms", "p99 ms", "max ms");
        for (Hop h : hops) {
            out.printf("%-55s %7d %8.2f %9.0f %8.1f %8.1f %8.1f%n", h.name(), h.count(), h.wall().toMillis() / 1000.0,
                    h.perSecond(), h.p50(), h.p99(), h.max());
        }
        out.println("sessions: from publishing PaymentRequested to receiving PaymentSessionCreated; pay: the sandbox's"
                + " POST /pay round trip, which includes signing, delivering and verifying the webhook and committing its"
                + " effect; pay -> PaymentSucceeded: from sending the pay call to the event on Kafka");
    }

    /** payment-service running from its jar in a JVM of its own. */
    private static final class Service implements AutoCloseable {

        private final Process process;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;

        private Service(Process process, int port) {
            this.process = process;
            this.base = "http://localhost:" + port;
        }

        static Service start(Options options, String jdbcUrl, String bootstrapServers, Path log) throws IOException {
            int port = BenchSupport.freePort();
            BenchSupport.RunningService running = BenchSupport.ServiceJar.of("payment-service", options.jar())
                    .jvmOptions("-Xmx768m")
                    .jfr(options.jfr().isBlank() ? null : Path.of(options.jfr()))
                    .port(port).log(log)
                    .database(jdbcUrl).kafka(bootstrapServers)
                    .property("atelier.payment.sandbox.public-url", "http://localhost:" + port)
                    .property("atelier.payment.stripe.api-key", "")
                    .property("logging.level.root", "WARN")
                    .start(600);
            return new Service(running.process(), port);
        }

        @Override
        public void close() throws InterruptedException {
            BenchSupport.stop(process);
        }
    }
}
