package dev.atelier.bench;

import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the benchmarks share: their arguments, a consumer that sees what comes from now on, percentiles, and a service
 * jar started in a JVM of its own ({@link ServiceJar}, {@link RunningService}).
 */
final class BenchSupport {

    private BenchSupport() {
    }

    /** {@code --name value} pairs. */
    static Map<String, String> arguments(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return values;
    }

    /**
     * PostgreSQL as a store would run it rather than its out-of-the-box minimum: shared buffers that hold the
     * benchmark's working set (128 MB, the default, is shared by the saga's four databases, whose inboxes, outboxes
     * and uuid keys outgrow it within the warm-up), and checkpoints every 30 minutes rather than every 5 (each
     * checkpoint makes the next change of every page write the whole page to the WAL, which the relays' logical
     * decoding then reads).
     */
    static final String PRODUCTION_PG_SETTINGS = "shared_buffers=1GB,checkpoint_timeout=30min,max_wal_size=8GB";

    /**
     * {@code --pg-settings}' {@code name=value,...} as PostgreSQL settings; pg_stat_statements is loaded when
     * {@code statements} are to be listed.
     */
    static Map<String, String> pgSettings(String given, int statements) {
        Map<String, String> settings;
        try {
            settings = EmbeddedPostgresServer.settings(given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pg-settings: " + e.getMessage(), e);
        }
        if (statements > 0) {
            settings.merge("shared_preload_libraries", "pg_stat_statements", (a, b) -> a + "," + b);
        }
        return settings;
    }

    /** A consumer of every partition of the topic, positioned at its end, tuned to hand over records at once. */
    static KafkaConsumer<String, String> consumerAtEnd(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The p-th percentile (0..1) of sorted nanoseconds, in milliseconds. */
    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.max(0, Math.ceil(p * sortedNanos.length) - 1));
        return sortedNanos[index] / 1e6;
    }

    static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /**
     * Waits until a service started from its jar answers {@code /actuator/health/readiness} with 200; fails with
     * the tail of its log when it exits first or the time runs out.
     */
    static void awaitReady(Process process, String baseUrl, long timeoutSeconds, Path log, String name)
            throws java.io.IOException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest readiness = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            try {
                if (http.send(readiness, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not start; its log:\n" + java.nio.file.Files.readString(log));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** Stops a service started from its jar: SIGTERM, then SIGKILL after 30 s. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * A service's executable jar to run in a JVM of its own: on a free port unless told one, with JVM options
     * (the heap, Flight Recorder), Spring properties as {@code --name=value} arguments, and its output in a log file.
     * {@link #start} launches it and waits for its readiness; {@link #launch} only launches it (to start several side
     * by side and wait for each afterwards).
     */
    static final class ServiceJar {

        private final String name;
        private final Path jar;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private int port;
        private Path log;

        private ServiceJar(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** {@code name} is what messages call it, e.g. {@code payment-service}. */
        static ServiceJar of(String name, Path jar) {
            return new ServiceJar(name, jar);
        }

        /** JVM options separated by spaces, e.g. {@code -Xmx768m -XX:+UseParallelGC}; blank adds none. */
        ServiceJar jvmOptions(String options) {
            if (!options.isBlank()) {
                jvmOptions.addAll(Arrays.asList(options.trim().split("\\s+")));
            }
            return this;
        }

        /** Records the JVM with Flight Recorder (profile settings) into the file, written when it exits; null: none. */
        ServiceJar jfr(Path file) {
            if (file != null) {
                jvmOptions.add("-XX:StartFlightRecording=filename=" + file.toAbsolutePath()
                        + ",settings=profile,dumponexit=true");
            }
            return this;
        }

        /** The port to listen on; a free one when not given. */
        ServiceJar port(int port) {
            this.port = port;
            return this;
        }

        /** Where its stdout and stderr go; a temporary file when not given. */
        ServiceJar log(Path log) {
            this.log = log;
            return this;
        }

        /** A Spring property, passed as {@code --name=value}. */
        ServiceJar property(String name, Object value) {
            arguments.add("--" + name + "=" + value);
            return this;
        }

        /** Spring properties already written as {@code --name=value}. */
        ServiceJar arguments(String... nameEqualsValue) {
            arguments.addAll(List.of(nameEqualsValue));
            return this;
        }

        /** Its database on the embedded PostgreSQL (user postgres, no password). */
        ServiceJar database(String jdbcUrl) {
            return property("spring.datasource.url", jdbcUrl)
                    .property("spring.datasource.username", EmbeddedPostgresServer.USER)
                    .property("spring.datasource.password", "");
        }

        ServiceJar kafka(String bootstrapServers) {
            return property("spring.kafka.bootstrap-servers", bootstrapServers);
        }

        /** Its admin API trusts the test tokens this JVM issues ({@link TestTokens}), as the services' tests do. */
        ServiceJar trustingTestTokens() {
            return property("atelier.security.jwk-set-uri", TestTokens.get().jwkSetUri())
                    .property("atelier.security.issuer", TestTokens.ISSUER);
        }

        /** Launches it and waits until it is ready; fails with its log when it is not within the timeout. */
        RunningService start(long readyTimeoutSeconds) throws IOException {
            RunningService service = launch();
            service.awaitReady(readyTimeoutSeconds);
            return service;
        }

        /** Launches it without waiting: {@link RunningService#awaitReady} afterwards. */
        RunningService launch() throws IOException {
            int chosen = port > 0 ? port : freePort();
            Path output = log != null ? log : Files.createTempFile(name, ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + chosen));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            return new RunningService(name, process, chosen, output);
        }
    }

    /** A service started from its jar by {@link ServiceJar}; closing it stops it (SIGTERM, then SIGKILL). */
    record RunningService(String name, Process process, int port, Path log) implements AutoCloseable {

        String base() {
            return "http://localhost:" + port;
        }

        long pid() {
            return process.pid();
        }

        void awaitReady(long timeoutSeconds) throws IOException {
            BenchSupport.awaitReady(process, base(), timeoutSeconds, log, name);
        }

        /** Runs {@code jcmd <pid> <command...>}, e.g. {@code JFR.start name=bench settings=profile}. */
        void jcmd(String... command) throws IOException, InterruptedException {
            BenchSupport.jcmd(process.pid(), command);
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /** Runs {@code jcmd <pid> <command...>}; fails with what jcmd said when it fails. */
    static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        line.addAll(Arrays.asList(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + said);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
