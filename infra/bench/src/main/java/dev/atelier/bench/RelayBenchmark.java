package dev.atelier.bench;

import dev.atelier.events.EventJson;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the outbox relay on this machine: commit-to-consumer latency at a paced rate, and events per second
 * at full speed and when draining a backlog. Runs its own embedded PostgreSQL (durable: fsync on) and Kafka.
 *
 * <pre>./atelier bench [--events N] [--rate R] [--writers W] [--batch B] [--scenarios paced,full,backlog]</pre>
 */
public final class RelayBenchmark {

    private final Options options;
    private final PrintStream out;

    RelayBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Settings of one benchmark run. */
    record Options(int events, int rate, int writers, int batch, List<String> scenarios, boolean durable) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("events", "10000")),
                    Integer.parseInt(values.getOrDefault("rate", "100")),
                    Integer.parseInt(values.getOrDefault("writers", "4")),
                    Integer.parseInt(values.getOrDefault("batch", "10")),
                    List.of(values.getOrDefault("scenarios", "paced,full,backlog").split(",")),
                    Boolean.parseBoolean(values.getOrDefault("durable", "true")));
        }
    }

    /** What one scenario measured. */
    record Result(String scenario, int events, Duration wall, double eventsPerSecond, double p50Millis,
            double p99Millis, double maxMillis, int duplicates) {
    }

    public static void main(String[] args) throws Exception {
        List<Result> results = new RelayBenchmark(Options.parse(args), System.out).run();
        System.exit(results.stream().allMatch(r -> r.events() > 0) ? 0 : 1);
    }

    List<Result> run() throws Exception {
        Path data = Files.createTempDirectory("atelier-bench-pg");
        out.printf("Starting embedded PostgreSQL (%s) and Kafka...%n", options.durable() ? "fsync on" : "fsync off");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, options.durable() ? data : null, true);
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            postgres.createDatabase("bench");
            kafka.createTopics(BenchEvent.TOPIC);
            try (ConfigurableApplicationContext app = startApp(postgres, kafka);
                    KafkaConsumer<String, String> consumer = BenchSupport.consumerAtEnd(kafka.bootstrapServers(), BenchEvent.TOPIC)) {
                OutboxRelay relay = app.getBean(OutboxRelay.class);
                BenchApp.Writer writer = app.getBean(BenchApp.Writer.class);
                awaitStreaming(relay);
                warmUp(writer, consumer);
                List<Result> results = new ArrayList<>();
                for (String scenario : options.scenarios()) {
                    results.add(switch (scenario.trim()) {
                        case "paced" -> paced(writer, consumer);
                        case "full" -> fullSpeed(writer, consumer);
                        case "backlog" -> backlog(writer, consumer, relay);
                        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                    });
                }
                print(results);
                return results;
            }
        } finally {
            BenchSupport.deleteQuietly(data);
        }
    }

    private ConfigurableApplicationContext startApp(EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.application.name", "bench");
        settings.put("spring.datasource.url", postgres.jdbcUrl("bench"));
        settings.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        settings.put("spring.datasource.password", "");
        settings.put("spring.datasource.hikari.maximum-pool-size", String.valueOf(options.writers() + 4));
        settings.put("spring.flyway.locations", "classpath:db/bench");
        settings.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("management.otlp.metrics.export.enabled", "false");
        settings.put("logging.level.root", "WARN");
        settings.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(BenchApp.class).web(WebApplicationType.NONE).properties(settings).run();
    }

    private static void awaitStreaming(OutboxRelay relay) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!relay.isStreaming()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay did not start streaming within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private void warmUp(BenchApp.Writer writer, KafkaConsumer<String, String> consumer) {
        Run run = new Run("warm-up", Math.min(options.events(), 1000));
        for (int i = 0; i < run.expected; i += options.batch()) {
            run.commit(writer, i, Math.min(options.batch(), run.expected - i));
        }
        run.consume(consumer, Duration.ofSeconds(120));
    }

    private Result paced(BenchApp.Writer writer, KafkaConsumer<String, String> consumer) throws Exception {
        Run run = new Run("paced " + options.rate() + "/s", options.events());
        long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
        ExecutorService pacer = Executors.newSingleThreadExecutor();
        Future<?> writing = pacer.submit(() -> {
            long next = System.nanoTime();
            for (int i = 0; i < run.expected; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                run.commit(writer, i, 1);
                next += interval;
            }
        });
        run.consume(consumer, Duration.ofSeconds(run.expected / Math.max(1, options.rate()) + 120L));
        writing.get();
        pacer.shutdown();
        return run.result();
    }

    private Result fullSpeed(BenchApp.Writer writer, KafkaConsumer<String, String> consumer) throws Exception {
        Run run = new Run("full speed (" + options.writers() + " writers x " + options.batch() + "/tx)", options.events());
        ExecutorService writers = Executors.newFixedThreadPool(options.writers());
        AtomicLong nextSeq = new AtomicLong();
        List<Future<?>> writing = new ArrayList<>();
        for (int w = 0; w < options.writers(); w++) {
            writing.add(writers.submit(() -> {
                long first;
                while ((first = nextSeq.getAndAdd(options.batch())) < run.expected) {
                    run.commit(writer, (int) first, (int) Math.min(options.batch(), run.expected - first));
                }
            }));
        }
        run.consume(consumer, Duration.ofSeconds(300));
        for (Future<?> future : writing) {
            future.get();
        }
        writers.shutdown();
        return run.result();
    }

    private Result backlog(BenchApp.Writer writer, KafkaConsumer<String, String> consumer, OutboxRelay relay)
            throws InterruptedException {
        Run run = new Run("backlog drain", options.events());
        relay.stop();
        for (int i = 0; i < run.expected; i += 100) {
            run.commit(writer, i, Math.min(100, run.expected - i));
        }
        run.restartClock();
        relay.start();
        awaitStreaming(relay);
        run.consume(consumer, Duration.ofSeconds(300));
        return run.result();
    }

    private void print(List<Result> results) {
        out.println();
        out.printf("Outbox relay benchmark: %d events per scenario, %d cores, PostgreSQL %s%n", options.events(),
                Runtime.getRuntime().availableProcessors(), options.durable() ? "durable (fsync on)" : "fsync off");
        out.printf("%-34s %8s %9s %11s %9s %9s %9s %6s%n", "scenario", "events", "wall s", "events/s", "p50 ms",
                "p99 ms", "max ms", "dupes");
        for (Result r : results) {
            out.printf("%-34s %8d %9.2f %11.0f %9.1f %9.1f %9.1f %6d%n", r.scenario(), r.events(),
                    r.wall().toMillis() / 1000.0, r.eventsPerSecond(), r.p50Millis(), r.p99Millis(), r.maxMillis(),
                    r.duplicates());
        }
        out.println("latency = from the commit returning to the record reaching a Kafka consumer;"
                + " backlog latency counts the time the relay was stopped");
    }

    /** One scenario's events: when each committed and when it was consumed. */
    private static final class Run {

        private final String name;
        private final String id = UUID.randomUUID().toString();
        private final int expected;
        private final Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        private final List<Long> latencies = new ArrayList<>();
        private final String padding = "x".repeat(200);
        private long start = System.nanoTime();
        private long end;
        private int duplicates;

        Run(String name, int expected) {
            this.name = name;
            this.expected = expected;
        }

        void restartClock() {
            start = System.nanoTime();
        }

        void commit(BenchApp.Writer writer, int firstSeq, int count) {
            List<BenchEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long seq = firstSeq + i;
                events.add(new BenchEvent(UUID.randomUUID(), "key-" + (seq % 64), seq, id, padding));
            }
            writer.write(events);
            long now = System.nanoTime();
            events.forEach(e -> committedAt.put(e.id(), now));
        }

        void consume(KafkaConsumer<String, String> consumer, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            java.util.Set<UUID> seen = new java.util.HashSet<>();
            while (seen.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + seen.size() + " of " + expected
                            + " events arrived within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long arrived = System.nanoTime();
                    BenchEvent event = EventJson.read(record.value(), BenchEvent.class);
                    if (!id.equals(event.run())) {
                        continue;
                    }
                    if (!seen.add(event.id())) {
                        duplicates++;
                        continue;
                    }
                    Long committed = committedAt.get(event.id());
                    // the commit timestamp is taken just after commit returns; the relay can be faster than that
                    latencies.add(committed == null ? 0 : Math.max(0, arrived - committed));
                    end = arrived;
                }
            }
        }

        Result result() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Duration wall = Duration.ofNanos(end - start);
            return new Result(name, expected, wall, expected / (wall.toNanos() / 1e9),
                    BenchSupport.percentileMillis(sorted, 0.50), BenchSupport.percentileMillis(sorted, 0.99),
                    BenchSupport.percentileMillis(sorted, 1.0), duplicates);
        }

    }
}
