package dev.atelier.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * The whole store as {@code ./atelier up} runs it: either started here ({@code ./atelier up --fresh} in a home of its
 * own, free ports for Kafka and PostgreSQL, the services' JVM options given; stopped with SIGTERM to the launcher,
 * which stops everything it started) or one already running (its {@code .atelier/state.json} says where PostgreSQL
 * listens). The services listen on their standard ports, the gateway on 8080.
 */
final class LocalStore implements AutoCloseable {

    static final String BASE = "http://localhost:8080";

    private final Path home;
    private final Process launcher;
    private final Path output;

    private LocalStore(Path home, Process launcher, Path output) {
        this.home = home;
        this.launcher = launcher;
        this.output = output;
    }

    /**
     * Starts the store and waits until the launcher prints its address (within 10 minutes); {@code launcherJavaOpts}:
     * the launcher's JVM options (it hosts Kafka's broker); {@code postgresSettings}: PostgreSQL's settings over the
     * embedded server's ({@code name=value,...}, blank for none); {@code parallel}: the services started at a time, 0
     * for the launcher's default.
     */
    static LocalStore start(String serviceJavaOpts, String launcherJavaOpts, String postgresSettings, int parallel)
            throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("atelier-bench-store");
        Path output = home.resolve("launcher-output.log");
        List<String> command = new java.util.ArrayList<>(List.of("bash", "./atelier", "up", "--fresh", "--home",
                home.toString(), "--kafka-port", Integer.toString(freePort()), "--postgres-port",
                Integer.toString(freePort()), "--service-java-opts", serviceJavaOpts,
                // a loaded machine may need more than the launcher's 180 s per service; this wait bounds the whole
                "--ready-timeout", "600"));
        if (parallel > 0) {
            command.addAll(List.of("--parallel", Integer.toString(parallel)));
        }
        if (!postgresSettings.isBlank()) {
            command.addAll(List.of("--postgres-settings", postgresSettings));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ATELIER_LAUNCHER_JAVA_OPTS", launcherJavaOpts);
        Process launcher = builder
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        LocalStore store = new LocalStore(home, launcher, output);
        Thread hook = new Thread(store::stopQuietly);
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            String said = store.output();
            if (said.contains("store: http")) {
                return store;
            }
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                store.stopQuietly();
                throw new IllegalStateException("./atelier up did not get the store ready:\n" + tail(said, 60));
            }
            launcher.waitFor(1, TimeUnit.SECONDS);
        }
    }

    /** A store started by someone else, from the repository's {@code .atelier/}. */
    static LocalStore running() throws IOException {
        Path home = Path.of(".atelier").toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("state.json"))) {
            throw new IllegalStateException("no running store: " + home.resolve("state.json") + " does not exist");
        }
        return new LocalStore(home, null, null);
    }

    boolean startedHere() {
        return launcher != null;
    }

    /** What the launcher printed, e.g. its table of services with their times to ready. */
    String output() {
        try {
            return output == null ? "" : Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private JsonNode state() throws IOException {
        return StoreAdmin.JSON.readTree(Files.readString(home.resolve("state.json")));
    }

    int postgresPort() throws IOException {
        return state().path("postgres").path("port").asInt();
    }

    /** The launcher's JVM (Kafka's broker runs in it), when its pid file is there. */
    Optional<Long> launcherPid() {
        try {
            Path file = home.resolve("launcher.pid");
            return Files.isRegularFile(file) ? Optional.of(Long.parseLong(Files.readString(file).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The running services' pids, by name. */
    Map<String, Long> servicePids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (JsonNode service : state().path("services")) {
            if (service.hasNonNull("pid") && service.path("state").asString().equals("READY")) {
                pids.put(service.path("name").asString(), service.path("pid").asLong());
            }
        }
        return pids;
    }

    /**
     * The store is ready before its demo data is; the benchmark creates its own products and stock, but in a category
     * of the demo catalogue, which the seeding creates first: waits until there is one. (The seeding's products and
     * their stock may take minutes more on a loaded machine; nothing here needs them.)
     */
    void awaitCategories() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest categories = HttpRequest.newBuilder(URI.create(BASE + "/api/catalog/categories")).GET().build();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(categories, HttpResponse.BodyHandlers.ofString());
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200 && answer.body().contains("\"slug\"")) {
                return;
            }
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        }
        throw new IllegalStateException("the demo catalogue had no category within 5 minutes; last answer: " + last);
    }

    /**
     * Stops a store started here (SIGTERM to the launcher, up to 3 minutes) and keeps its services' logs under
     * {@code target/bench/store-logs-<time>/} before its temporary home goes: the answers a run got (a 503, a 504) are
     * explained there. Leaves a running store alone.
     */
    @Override
    public void close() throws InterruptedException {
        if (launcher == null) {
            return;
        }
        launcher.destroy();
        if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
            launcher.destroyForcibly();
        }
        keepLogs();
        BenchSupport.deleteQuietly(home);
    }

    private void keepLogs() {
        Path logs = home.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        Path kept = Path.of("target", "bench", "store-logs-" + java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        try (java.util.stream.Stream<Path> files = Files.list(logs)) {
            Files.createDirectories(kept);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()));
            }
            System.out.println("The store's logs: " + kept);
        } catch (IOException e) {
            System.err.println("could not keep the store's logs (" + e + "); they go with " + home);
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** A free port below the kernel's ephemeral range, so that no client socket takes it before the server binds. */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 30000");
    }
}
