package dev.atelier.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventHeaders;
import dev.atelier.events.EventJson;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.GiftOptions;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.EventPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Measures notification-service end to end: OrderConfirmed events are published straight to Kafka, and each one's
 * EmailSent is awaited; GreenMail (in this JVM) is the SMTP server and must hold every e-mail at the end. Runs the
 * service's own jar in a JVM of its own on embedded PostgreSQL (durable) and Kafka.
 *
 * <pre>./atelier bench notification [--emails N] [--rate N] [--workers N] [--batch-size N] [--jar PATH] [--jfr FILE]</pre>
 *
 * <p>{@code --jfr FILE} records the service's JVM with Java Flight Recorder (profile settings) into FILE; read it
 * with {@code jfr print --events jdk.ExecutionSample FILE} or {@code jfr summary FILE}. The load average of the
 * machine is printed beside the figures: on a shared machine they say little about the service.
 *
 * <p>Latency is from publishing the OrderConfirmed to the SMTP server's acceptance ({@code EmailSent.sentAt}, taken
 * when the server accepted the batch; both JVMs read the same clock). {@code --rate 0} (the default) publishes
 * everything at once: throughput, with latency mostly queueing.
 */
public final class NotificationBenchmark {

    private static final String RECIPIENT = "bench@example.co.uk";

    private final Options options;
    private final PrintStream out;

    NotificationBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Settings of one run. */
    record Options(int emails, int warmUp, int rate, int workers, int batchSize, int concurrency, Path jar,
            @Nullable Path jfr) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("emails", "10000")),
                    Integer.parseInt(values.getOrDefault("warm-up", "2000")),
                    Integer.parseInt(values.getOrDefault("rate", "0")),
                    Integer.parseInt(values.getOrDefault("workers", "2")),
                    Integer.parseInt(values.getOrDefault("batch-size", "100")),
                    Integer.parseInt(values.getOrDefault("concurrency", "2")),
                    Path.of(values.getOrDefault("jar", "notification-service/target/notification-service.jar")),
                    values.containsKey("jfr") ? Path.of(values.get("jfr")).toAbsolutePath() : null);
        }
    }

    /** What one run measured. */
    record Result(String name, int emails, Duration wall, double emailsPerSecond, double p50Millis, double p99Millis,
            double maxMillis, int received, String loadBefore, String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        new NotificationBenchmark(Options.parse(args), System.out).run();
    }

    Result run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException(options.jar() + " does not exist: build notification-service first");
        }
        Path data = Files.createTempDirectory("atelier-bench-notification");
        out.println("Starting embedded PostgreSQL (fsync on), Kafka and GreenMail...");
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data.resolve("pg"), true);
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            kafka.createTopics(Topics.ORDER_ORDER, Topics.PAYMENT_PAYMENT, Topics.CART_CART, Topics.INVENTORY_STOCK,
                    Topics.NOTIFICATION_EMAIL);
            postgres.createDatabase("notification");
            try (Service service = Service.start(options, postgres.jdbcUrl("notification"), kafka.bootstrapServers(),
                    smtpPort, data.resolve("notification.log"))) {
                Result warm = measure("warm-up", options.warmUp(), kafka, 0, smtp, 0);
                out.printf("    warmed up with %d e-mails (%.0f e-mails/s)%n", warm.emails(), warm.emailsPerSecond());
                Result result = measure(options.emails() + " OrderConfirmed" + (options.rate() > 0
                        ? " at " + options.rate() + "/s" : ""), options.emails(), kafka, options.rate(), smtp,
                        options.warmUp());
                print(result);
                return result;
            }
        } finally {
            smtp.stop();
            BenchSupport.deleteQuietly(data);
        }
    }

    private Result measure(String name, int count, EmbeddedKafkaServer kafka, int rate, GreenMail smtp,
            int receivedBefore) throws Exception {
        List<OrderConfirmed> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(confirmed());
        }
        Set<UUID> expected = new HashSet<>();
        orders.forEach(o -> expected.add(o.orderId()));
        Map<UUID, Long> publishedAtMillis = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> sent = BenchSupport.consumerAtEnd(kafka.bootstrapServers(),
                Topics.NOTIFICATION_EMAIL);
                EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), EventCatalog.standard())) {
            String loadBefore = loadAverage();
            long start = System.currentTimeMillis();
            Thread publishing = Thread.ofPlatform().name("bench-publisher").start(() -> {
                long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
                long next = System.nanoTime();
                for (OrderConfirmed order : orders) {
                    if (interval > 0) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        next += interval;
                    }
                    publishedAtMillis.put(order.orderId(), System.currentTimeMillis());
                    publisher.send(order, UUID.randomUUID());
                }
                publisher.flush();
            });
            Map<UUID, Long> acceptedAt = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (acceptedAt.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + acceptedAt.size() + " EmailSent in 600 s");
                }
                for (ConsumerRecord<String, String> record : sent.poll(Duration.ofMillis(50))) {
                    Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
                    if (type == null || !"EmailSent".equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    JsonNode event = EventJson.mapper().readTree(record.value());
                    JsonNode orderId = event.get("orderId");
                    if (orderId == null || orderId.isNull()) {
                        continue;
                    }
                    UUID id = UUID.fromString(orderId.asString());
                    if (expected.contains(id)) {
                        acceptedAt.putIfAbsent(id, Instant.parse(event.get("sentAt").asString()).toEpochMilli());
                    }
                }
            }
            publishing.join();
            long end = acceptedAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
            long[] latencies = acceptedAt.entrySet().stream()
                    .mapToLong(e -> TimeUnit.MILLISECONDS.toNanos(
                            Math.max(0, e.getValue() - publishedAtMillis.get(e.getKey()))))
                    .sorted().toArray();
            if (!smtp.waitForIncomingEmail(30_000, receivedBefore + count)) {
                throw new IllegalStateException(name + ": GreenMail holds " + smtp.getReceivedMessages().length
                        + " e-mails, expected " + (receivedBefore + count));
            }
            int received = smtp.getReceivedMessages().length - receivedBefore;
            Duration wall = Duration.ofMillis(end - start);
            return new Result(name, count, wall, count / (wall.toMillis() / 1000.0),
                    BenchSupport.percentileMillis(latencies, 0.5), BenchSupport.percentileMillis(latencies, 0.99),
                    BenchSupport.percentileMillis(latencies, 1.0), received, loadBefore, loadAverage());
        }
    }

    private void print(Result r) {
        out.println();
        out.printf("Notification benchmark: %d sender workers, batch %d, inbox concurrency %d, %d cores, PostgreSQL "
                + "durable (fsync on)%n", options.workers(), options.batchSize(), options.concurrency(),
                Runtime.getRuntime().availableProcessors());
        out.printf("%-32s %8s %9s %9s %10s %9s %9s %9s%n", "run", "e-mails", "received", "wall s", "e-mails/s",
                "p50 ms", "p99 ms", "max ms");
        out.printf("%-32s %8d %9d %9.2f %10.0f %9.0f %9.0f %9.0f%n", r.name(), r.emails(), r.received(),
                r.wall().toMillis() / 1000.0, r.emailsPerSecond(), r.p50Millis(), r.p99Millis(), r.maxMillis());
        out.printf("load average (1, 5, 15 min) before the run: %s; after: %s%n", r.loadBefore(), r.loadAfter());
        out.println("latency = from publishing the OrderConfirmed to the SMTP server accepting its e-mail (EmailSent"
                + ".sentAt); 'received' = e-mails GreenMail holds; the service was warmed up with " + options.warmUp()
                + " e-mails first");
    }

    /** A confirmed order with two lines, one personalised, a gift message and full totals: a real e-mail's work. */
    private static OrderConfirmed confirmed() {
        UUID orderId = UUID.randomUUID();
        List<OrderLine> lines = List.of(
                new OrderLine(UUID.randomUUID(), "MUG-XMAS-001", 2, Money.gbp(1299),
                        Map.of("name", "Sophie", "font", "Script MT", "colour", "#d4a017"), "Personalised Christmas Mug",
                        Map.of("size", "Large"), "https://atelier.example/media/mug.png",
                        Map.of("name", "Name", "font", "Font", "colour", "Colour"), Money.gbp(2598)),
                new OrderLine(UUID.randomUUID(), "CARD-BDAY-014", 1, Money.gbp(350), Map.of(), "Hand-lettered Card",
                        null, null, null, Money.gbp(350)));
        return new OrderConfirmed(orderId, "B-" + orderId.toString().substring(0, 8), "WEB", RECIPIENT, lines,
                Money.gbp(3048), Instant.now(), null, null, null,
                new OrderTotals(Money.gbp(2948), Money.gbp(295), Money.gbp(395), Money.gbp(0), Money.gbp(508),
                        Money.gbp(3048)),
                new ShippingAddress("Margaret Price", "12 Harbour View", null, "Bristol", "BS1 5TY", "GB"),
                new GiftOptions(true, "Happy Christmas, Nan!", false));
    }

    // the machine's load, printed beside the figures (Linux; elsewhere unknown)
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** notification-service running from its jar in a JVM of its own. */
    private static final class Service implements AutoCloseable {

        private final Process process;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;

        private Service(Process process, int port) {
            this.process = process;
            this.base = "http://localhost:" + port;
        }

        static Service start(Options options, String jdbcUrl, String bootstrapServers, int smtpPort, Path log)
                throws IOException {
            BenchSupport.RunningService running = BenchSupport.ServiceJar.of("notification-service", options.jar())
                    .jvmOptions("-Xmx768m").jfr(options.jfr()).log(log)
                    .database(jdbcUrl).kafka(bootstrapServers)
                    .property("spring.mail.host", "127.0.0.1")
                    .property("spring.mail.port", smtpPort)
                    .property("atelier.messaging.inbox.concurrency", options.concurrency())
                    .property("atelier.sender.workers", options.workers())
                    .property("atelier.sender.batch-size", options.batchSize())
                    .property("logging.level.root", "WARN")
                    .start(300);
            return new Service(running.process(), running.port());
        }

        @Override
        public void close() throws InterruptedException {
            BenchSupport.stop(process);
        }
    }
}
