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
 * <pre>./atelier bench payment [--payments N] [--warm-up N] [--concurrency N] [--rate N] [--paced-rate N]
 *                            [--paced-payments N] [--webhooks N] [--paced-webhooks N] [--jar PATH] [--jfr PATH]
 *                            [--idle-seconds 10] [--service-opts "-Xmx768m"]</pre>
 *
 * <p>Without {@code --rate} the requests go at once and the pay calls {@code --concurrency} at a time (throughput);
 * then a second run paces both at {@code --paced-rate} (default 100/s, the latency goal; 0 skips it) for
 * {@code --paced-payments} payments, which measures one payment's latency on a service that keeps up. {@code --rate N}
 * paces the main run instead (and skips the second).
 *
 * <p>A sandbox pay call is two requests to the service (the page's POST, then the webhook it delivers to the
 * service's own endpoint) and two commits: Stripe's side and the store's. So a third run, {@code --webhooks N}
 * payments (default 5000; 0 skips it), plays Stripe itself: the bench signs each {@code checkout.session.completed}
 * with Stripe's scheme (its own HMAC code, the secret handed to the service as the sandbox's) and posts it to
 * {@code /webhooks/stripe}, {@code --concurrency} at a time; a webhook counts when it answered 200 with outcome
 * APPLIED (verified and applied), and its PaymentSucceeded is awaited on Kafka. That is the "verified
 * webhooks/s" of the store alone. Last, {@code --paced-webhooks N} (default 1500; 0 skips it) posts such webhooks at
 * {@code --paced-rate}: the hop the latency goal is set for (webhook → PaymentSucceeded on Kafka at 100/s).
 * Then {@code --idle-seconds} with nothing sent measure what the idle service costs (its relay's and consumers'
 * polling). {@code --service-opts} are the service JVM's options (a heap size, or {@code -D} settings to try).
 *
 * <p>Each run prints the service's and PostgreSQL's CPU time per payment (process CPU / payments: the figure that
 * holds on a shared machine), the part of the service's that went to its JIT compiler and garbage collector threads
 * (a JVM still compiling its hot paths), and the load average. The bench client (HTTP, Kafka consumer) runs on the
 * same cores and is not counted. {@code --jfr}
 * records the service's JVM with Flight Recorder into that file (profile settings), for {@code jfr print --events
 * jdk.ExecutionSample}, from the end of the warm-up to the end of the measured runs.
 */
public final class PaymentBenchmark {

    private final Options options;
    private final PrintStream out;

    PaymentBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    record Options(int payments, int warmUp, int concurrency, int rate, int pacedRate, int pacedPayments, int webhooks,
            int pacedWebhooks, int idleSeconds, Path jar, String jfr, String serviceOpts) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("payments", "5000")),
                    Integer.parseInt(values.getOrDefault("warm-up", "2000")),
                    Integer.parseInt(values.getOrDefault("concurrency", "16")),
                    Integer.parseInt(values.getOrDefault("rate", "0")),
                    Integer.parseInt(values.getOrDefault("paced-rate", "100")),
                    Integer.parseInt(values.getOrDefault("paced-payments", "1500")),
                    Integer.parseInt(values.getOrDefault("webhooks", "5000")),
                    Integer.parseInt(values.getOrDefault("paced-webhooks", "1500")),
                    Integer.parseInt(values.getOrDefault("idle-seconds", "10")),
                    Path.of(values.getOrDefault("jar", "payment-service/target/payment-service.jar")),
                    values.getOrDefault("jfr", ""),
                    values.getOrDefault("service-opts", "-Xmx768m"));
        }
    }

    /** One hop's figures. */
    record Hop(String name, int count, Duration wall, double perSecond, double p50, double p99, double max) {
    }

    /**
     * One measured run: its hops, the CPU milliseconds per payment of the service and of PostgreSQL while the sessions
     * were opened and while they were paid (pay call or webhook to PaymentSucceeded on Kafka), of the service's paying
     * CPU the part of its JIT compiler and GC threads, and the load average after it.
     */
    record Run(String title, List<Hop> hops, double sessionCpu, double sessionPostgresCpu, double payCpu,
            double payPostgresCpu, double payJit, double payGc, String load, int failedPays) {
    }

    /** How a run pays its sessions. */
    enum Pay {
        /** The shopper's button on the sandbox page, which delivers the signed webhook to the service. */
        SANDBOX,
        /** The bench as Stripe: a signed webhook posted straight to {@code /webhooks/stripe}. */
        WEBHOOK
    }

    public static void main(String[] args) throws Exception {
        new PaymentBenchmark(Options.parse(args), System.out).run();
    }

    List<Run> run() throws Exception {
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
                long postgresPid = CpuClock.pidOf(data.resolve("pg").toString());
                if (options.warmUp() > 0) {
                    // both paths, so that the measured runs find them compiled: a short warm-up left the JIT
                    // compiler a third of the service's CPU per webhook in the measured window
                    out.printf("Warming up with %d payments paid on the sandbox page%s...%n", options.warmUp(),
                            options.webhooks() > 0 || options.pacedWebhooks() > 0 ? " and " + options.warmUp()
                                    + " webhooks posted as Stripe would" : "");
                    measure(service, kafka, postgresPid, options.warmUp(), 0, Pay.SANDBOX, true);
                    if (options.webhooks() > 0 || options.pacedWebhooks() > 0) {
                        measure(service, kafka, postgresPid, options.warmUp(), 0, Pay.WEBHOOK, true);
                    }
                }
                if (!options.jfr().isBlank()) {
                    service.jcmd("JFR.start", "name=bench", "settings=profile");
                }
                out.printf("Measuring %d payments (load average before: %s)...%n", options.payments(),
                        GatlingRun.loadAverage());
                List<Run> runs = new ArrayList<>();
                runs.add(measure(service, kafka, postgresPid, options.payments(), options.rate(), Pay.SANDBOX, false));
                if (options.webhooks() > 0) {
                    out.printf("Measuring %d webhooks posted as Stripe would (load average before: %s)...%n",
                            options.webhooks(), GatlingRun.loadAverage());
                    runs.add(measure(service, kafka, postgresPid, options.webhooks(), options.rate(), Pay.WEBHOOK, false));
                }
                if (options.rate() == 0 && options.pacedRate() > 0 && options.pacedPayments() > 0) {
                    out.printf("Measuring %d payments paced at %d/s (load average before: %s)...%n",
                            options.pacedPayments(), options.pacedRate(), GatlingRun.loadAverage());
                    runs.add(measure(service, kafka, postgresPid, options.pacedPayments(), options.pacedRate(),
                            Pay.SANDBOX, false));
                }
                if (options.rate() == 0 && options.pacedRate() > 0 && options.pacedWebhooks() > 0) {
                    // the latency goal is set for this hop: a verified webhook to PaymentSucceeded on Kafka
                    out.printf("Measuring %d webhooks posted as Stripe would, paced at %d/s (load average before: %s)...%n",
                            options.pacedWebhooks(), options.pacedRate(), GatlingRun.loadAverage());
                    runs.add(measure(service, kafka, postgresPid, options.pacedWebhooks(), options.pacedRate(),
                            Pay.WEBHOOK, false));
                }
                if (!options.jfr().isBlank()) {
                    Path file = Path.of(options.jfr()).toAbsolutePath();
                    service.jcmd("JFR.stop", "name=bench", "filename=" + file);
                    out.println("JFR recording of the measured runs (not the start or the warm-up): " + file);
                }
                runs.forEach(this::print);
                if (options.idleSeconds() > 0) {
                    // what the service costs while nothing happens: the relay's and the consumers' polling, which the
                    // relay's poll interval trades against the latency of each event
                    double idleFrom = CpuClock.millis(service.process.pid());
                    long idleStart = System.nanoTime();
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(options.idleSeconds()));
                    double idleMillis = CpuClock.millis(service.process.pid()) - idleFrom;
                    double wallMillis = (System.nanoTime() - idleStart) / 1e6;
                    out.printf("%nIdle afterwards (%d s, nothing sent): payment-service used %.1f %% of a core%n",
                            options.idleSeconds(), 100 * idleMillis / wallMillis);
                }
                return runs;
            }
        } finally {
            Path log = data.resolve("payment-service.log");
            if (Files.isRegularFile(log)) {
                Path kept = Path.of("infra/bench/target/payment-service-bench.log");
                Files.createDirectories(kept.getParent());
                Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.println("payment-service's log: " + kept);
            }
            BenchSupport.deleteQuietly(data);
        }
    }

    private Run measure(Service service, EmbeddedKafkaServer kafka, long postgresPid, int count, int rate, Pay pay,
            boolean warmUp) throws Exception {
        List<PaymentRequested> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID orderId = UUID.randomUUID();
            requests.add(new PaymentRequested(orderId, "B-" + orderId.toString().substring(0, 8), Money.gbp(2599),
                    "card", "bench@example.co.uk", Instant.now()));
        }
        java.util.Set<UUID> ours = new java.util.HashSet<>();
        requests.forEach(r -> ours.add(r.orderId()));
        Map<UUID, Long> requestedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> sessionAt = new ConcurrentHashMap<>();
        Map<UUID, String> sessionOf = new ConcurrentHashMap<>();
        Map<UUID, String> paymentOf = new ConcurrentHashMap<>();
        Map<UUID, Long> paySentAt = new ConcurrentHashMap<>();
        Map<UUID, Long> payAnsweredAt = new ConcurrentHashMap<>();
        Map<UUID, Long> succeededAt = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> events = BenchSupport.consumerAtEnd(kafka.bootstrapServers(),
                Topics.PAYMENT_PAYMENT);
                EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), EventCatalog.standard())) {
            AtomicInteger failures = new AtomicInteger();
            Thread consumer = Thread.ofPlatform().name("bench-consumer").start(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
                while (succeededAt.size() < count - failures.get() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
                        String eventType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                        JsonNode json = EventJson.mapper().readTree(record.value());
                        UUID orderId = UUID.fromString(json.get("orderId").asString());
                        if (!ours.contains(orderId)) {
                            continue; // a late event of an earlier run
                        }
                        if (eventType.equals("PaymentSessionCreated")) {
                            sessionOf.put(orderId, json.get("sessionId").asString());
                            paymentOf.put(orderId, json.get("paymentId").asString());
                            sessionAt.putIfAbsent(orderId, now);
                        } else if (eventType.equals("PaymentSucceeded")) {
                            succeededAt.putIfAbsent(orderId, now);
                        }
                    }
                }
            });

            double serviceCpu = CpuClock.millis(service.process.pid());
            double postgresCpu = CpuClock.millis(postgresPid);
            long sessionsStart = System.nanoTime();
            pace(requests, rate, request -> {
                requestedAt.put(request.orderId(), System.nanoTime());
                publisher.send(request, UUID.randomUUID());
            });
            publisher.flush();
            await(() -> sessionAt.size() >= count, "sessions");
            long sessionsEnd = sessionAt.values().stream().mapToLong(Long::longValue).max().orElse(sessionsStart);
            double sessionCpu = CpuClock.millis(service.process.pid()) - serviceCpu;
            double sessionPostgresCpu = CpuClock.millis(postgresPid) - postgresCpu;

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            Semaphore inFlight = new Semaphore(rate > 0 ? 512 : options.concurrency());
            serviceCpu = CpuClock.millis(service.process.pid());
            postgresCpu = CpuClock.millis(postgresPid);
            double[] jitAndGc = CpuClock.jitAndGcMillis(service.process.pid());
            long payStart = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                pace(requests, rate, request -> {
                    inFlight.acquireUninterruptibly();
                    pool.execute(() -> {
                        try {
                            boolean done;
                            if (pay == Pay.SANDBOX) {
                                paySentAt.put(request.orderId(), System.nanoTime());
                                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(service.base
                                        + "/pay/sandbox/" + sessionOf.get(request.orderId()) + "/pay"))
                                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                        HttpResponse.BodyHandlers.discarding());
                                done = answer.statusCode() == 303;
                            } else {
                                String payload = completed(request, sessionOf.get(request.orderId()),
                                        paymentOf.get(request.orderId()));
                                paySentAt.put(request.orderId(), System.nanoTime());
                                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service.base
                                        + "/webhooks/stripe"))
                                        .header("Content-Type", "application/json")
                                        .header("Stripe-Signature", service.signer.header(payload))
                                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                done = answer.statusCode() == 200 && answer.body().contains("\"APPLIED\"");
                            }
                            payAnsweredAt.put(request.orderId(), System.nanoTime());
                            if (!done) {
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
            if (failures.get() > 0) {
                // a pay call that failed (the sandbox's webhook delivery timed out, say) may never bring its
                // PaymentSucceeded: those are counted and reported, not awaited
                out.printf("%d pay calls of %d failed (see the service's log)%n", failures.get(), count);
            }
            await(() -> succeededAt.size() >= count - failures.get(), "PaymentSucceeded");
            consumer.join();
            double payCpu = CpuClock.millis(service.process.pid()) - serviceCpu;
            double payPostgresCpu = CpuClock.millis(postgresPid) - postgresCpu;
            double[] jitAndGcAfter = CpuClock.jitAndGcMillis(service.process.pid());
            String load = GatlingRun.loadAverage();
            if (warmUp) {
                return new Run("warm-up", List.of(), 0, 0, 0, 0, 0, 0, load, failures.get());
            }
            String paced = rate > 0 ? " at " + rate + "/s" : "";
            long succeededEnd = succeededAt.values().stream().mapToLong(Long::longValue).max().orElse(payStart);
            String calls = pay == Pay.SANDBOX ? "pay calls" : "webhooks posted by the bench as Stripe";
            String title = count + " payments (" + failures.get() + " " + calls + " failed), " + (rate > 0
                    ? "requests and " + calls + " paced at " + rate + "/s"
                    : "requests at once, " + calls + " " + options.concurrency() + " at a time");
            String payHop = pay == Pay.SANDBOX ? "sandbox pay (signed webhook verified)" : "signed webhook -> 200 APPLIED";
            String succeededHop = pay == Pay.SANDBOX ? "pay -> PaymentSucceeded on Kafka" : "webhook -> PaymentSucceeded on Kafka";
            return new Run(title, List.of(
                    hop("PaymentRequested -> PaymentSessionCreated" + paced, requestedAt, sessionAt, sessionsStart, sessionsEnd),
                    hop(payHop + paced, paySentAt, payAnsweredAt, payStart, payEnd),
                    hop(succeededHop + paced, paySentAt, succeededAt, payStart, succeededEnd)),
                    sessionCpu / count, sessionPostgresCpu / count, payCpu / count, payPostgresCpu / count,
                    (jitAndGcAfter[0] - jitAndGc[0]) / count, (jitAndGcAfter[1] - jitAndGc[1]) / count, load,
                    failures.get());
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

    private void print(Run run) {
        out.println();
        out.printf("Payment benchmark (sandbox provider): %s, %d cores, PostgreSQL durable (fsync on); load average"
                + " after: %s%n", run.title(), Runtime.getRuntime().availableProcessors(), run.load());
        out.printf("%-55s %7s %8s %9s %8s %8s %8s%n", "hop", "count", "wall s", "per s", "p50 ms", "p99 ms", "max ms");
        for (Hop h : run.hops()) {
            out.printf("%-55s %7d %8.2f %9.0f %8.1f %8.1f %8.1f%n", h.name(), h.count(), h.wall().toMillis() / 1000.0,
                    h.perSecond(), h.p50(), h.p99(), h.max());
        }
        out.printf("CPU per payment (the shared machine's load aside): opening the session: payment-service %.2f ms,"
                + " PostgreSQL %.2f ms; paying it (up to PaymentSucceeded): payment-service %.2f ms (of which JIT"
                + " compiler threads %.2f ms, GC threads %.2f ms), PostgreSQL %.2f ms%n", run.sessionCpu(),
                run.sessionPostgresCpu(), run.payCpu(), run.payJit(), run.payGc(), run.payPostgresCpu());
        out.println(run.title().contains("pay calls")
                ? "sessions: from publishing PaymentRequested to receiving PaymentSessionCreated; pay: the sandbox's"
                        + " POST /pay round trip, which includes completing the sandbox session, signing, delivering and"
                        + " verifying the webhook and committing its effect; pay -> PaymentSucceeded: from sending the pay"
                        + " call to the event on Kafka"
                : "webhook: the bench's POST /webhooks/stripe round trip (signature verified with stripe-java, event id"
                        + " recorded, payment paid, outbox written, committed); webhook -> PaymentSucceeded: from sending"
                        + " it to the event on Kafka");
    }

    /** {@code checkout.session.completed} (paid) for a session, in the shape the sandbox and Stripe send it. */
    private static String completed(PaymentRequested request, String sessionId, String paymentId) {
        long now = Instant.now().getEpochSecond();
        return """
                {"id":"evt_bench_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,\
                "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"checkout.session.completed",\
                "data":{"object":{"id":"%s","object":"checkout.session","amount_subtotal":%d,"amount_total":%d,\
                "currency":"%s","client_reference_id":"%s","customer_email":"%s","customer_details":{"email":"%s"},\
                "expires_at":%d,"livemode":false,"mode":"payment","success_url":"http://localhost/checkout/success",\
                "cancel_url":"http://localhost/checkout/cancel","url":null,"status":"complete","payment_status":"paid",\
                "payment_intent":"pi_bench_%s","metadata":{"orderId":"%s","paymentId":"%s","orderNumber":"%s"}}}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), now, sessionId, request.amount().minor(),
                        request.amount().minor(), request.amount().currency().getCurrencyCode().toLowerCase(java.util.Locale.ROOT),
                        request.orderId(), request.customerEmail(), request.customerEmail(), now + 1800,
                        UUID.randomUUID().toString().replace("-", ""), request.orderId(), paymentId, request.orderNumber());
    }

    /**
     * Stripe's webhook signature ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}), written here from
     * Stripe's documentation rather than with stripe-java, which the service verifies with.
     */
    record StripeSigner(String secret) {

        String header(String payload) {
            long t = Instant.now().getEpochSecond();
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
                return "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(digest);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** payment-service running from its jar in a JVM of its own. */
    private static final class Service implements AutoCloseable {

        private final Process process;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final StripeSigner signer;

        private Service(Process process, int port, StripeSigner signer) {
            this.process = process;
            this.base = "http://localhost:" + port;
            this.signer = signer;
        }

        static Service start(Options options, String jdbcUrl, String bootstrapServers, Path log) throws IOException {
            int port = BenchSupport.freePort();
            StripeSigner signer = new StripeSigner("whsec_bench_" + UUID.randomUUID().toString().replace("-", ""));
            BenchSupport.RunningService running = BenchSupport.ServiceJar.of("payment-service", options.jar())
                    .jvmOptions(options.serviceOpts())
                    .port(port).log(log)
                    .database(jdbcUrl).kafka(bootstrapServers)
                    .property("atelier.payment.sandbox.public-url", "http://localhost:" + port)
                    .property("atelier.payment.stripe.api-key", "")
                    // the bench signs webhooks as Stripe would with the secret the sandbox signs with
                    .property("atelier.payment.sandbox.webhook-secret", signer.secret())
                    .property("logging.level.root", "WARN")
                    .start(600);
            return new Service(running.process(), port, signer);
        }

        void jcmd(String... command) throws IOException, InterruptedException {
            List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                    .toString(), Long.toString(process.pid())));
            line.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + said);
            }
        }

        @Override
        public void close() throws InterruptedException {
            BenchSupport.stop(process);
        }
    }
}
