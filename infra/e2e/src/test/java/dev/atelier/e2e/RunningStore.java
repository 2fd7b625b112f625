package dev.atelier.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole store as a developer starts it: the launcher of {@code ./atelier up --fresh} in a home of its own
 * (fresh databases, free ports for Kafka and PostgreSQL), waited for until it prints the store's address, and
 * stopped as Ctrl-C would stop it. The services listen on their standard ports (8080–8089), which must be free.
 */
final class RunningStore implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    /** A Tawk.to property id, so that the pages carry the live chat (the browser tests stand in for Tawk.to). */
    static final String CHAT_PROPERTY = "e2e-chat-property";
    /**
     * How long order-service waits for a payment before it cancels the order (15 minutes in a real store), short
     * so that a journey can watch the timeout happen. Long enough that every journey that pays does: from the
     * payment's request to the click on "Pay" is a redirect and a click, seconds even on this shared machine, and
     * the journeys allow themselves 90 s to reach the payment page at all.
     */
    static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path log;
    private final Process launcher;

    private RunningStore(Path home, Path log, Process launcher) {
        this.home = home;
        this.log = log;
        this.launcher = launcher;
    }

    private static RunningStore shared;

    /**
     * The one store of this test JVM, started by the first test class that asks and stopped when the JVM ends:
     * starting the whole store takes minutes, so every end-to-end test shares it.
     */
    static synchronized RunningStore shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
            shared.awaitDemoStock();
            shared.warmUp();
            RunningStore store = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    store.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return shared;
    }

    static RunningStore start() throws IOException, InterruptedException {
        Path repository = repositoryRoot();
        Path home = Files.createTempDirectory("atelier-e2e");
        Path log = home.resolve("launcher-output.log");
        requireFreeServicePorts();
        ProcessBuilder up = new ProcessBuilder(launcherCommand(repository, home));
        up.environment().put("ATELIER_GATEWAY_CHAT_TAWKPROPERTYID", CHAT_PROPERTY);
        // atelier.saga.payment-timeout of order-service (the launcher's environment goes to every service)
        up.environment().put("ATELIER_SAGA_PAYMENTTIMEOUT", PAYMENT_TIMEOUT.toSeconds() + "s");
        Process launcher = up
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        RunningStore store = new RunningStore(home, log, launcher);
        store.awaitReady();
        return store;
    }

    /**
     * {@code ./atelier up --fresh} without the script: the script builds stale modules and asks Maven for the
     * launcher's classpath, which a fresh clone's {@code ./mvnw verify} has not installed. Here the reactor has
     * just built every service's jar, and this test JVM's classpath holds the launcher (a test dependency).
     */
    private static List<String> launcherCommand(Path repository, Path home) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // Kafka still uses sun.misc.Unsafe
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.atelier.local.Launcher",
                "up", "--fresh", "--home", home.toString(),
                "--kafka-port", Integer.toString(freePort()), "--postgres-port", Integer.toString(freePort()),
                "--repo", repository.toString()));
        return command;
    }

    /** The services listen on 8080–8089: a store already running there (./atelier up) would answer instead. */
    private static void requireFreeServicePorts() {
        for (int port = 8080; port <= 8089; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                throw new IllegalStateException("port " + port + " is taken: the end-to-end tests start the whole"
                        + " store on 8080-8089. Stop what listens there (./atelier down), or skip these tests with"
                        + " ./mvnw verify -De2e.skip");
            }
        }
    }

    String baseUrl() {
        return "http://localhost:8080";
    }

    /**
     * The store is ready before its demo data is: the seeding signs in as the demo admin, creates the products, then
     * inventory receives their stock. The journeys need a mug in stock, so they wait for it (with a deadline).
     */
    void awaitDemoStock() throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest mug = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/api/catalog/products/personalised-christmas-mug")).GET().build();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            java.net.http.HttpResponse<String> answer = http.send(mug, java.net.http.HttpResponse.BodyHandlers.ofString());
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200 && answer.body().contains("\"inStock\":true")) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        }
        throw new IllegalStateException("the demo mug had no stock within 5 minutes; last answer: " + last);
    }

    /**
     * One pass over the shopper's paths before the first journey (pages rendered, a personalised line added and the
     * cart priced): on this shared two-core machine a cold service's first answer can take longer than the
     * storefront's five seconds, which is not what the journeys test.
     */
    void warmUp() throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        for (String path : List.of("/", "/products/personalised-christmas-mug", "/search?q=mug", "/api/cart")) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path)).GET()
                    .timeout(Duration.ofSeconds(60)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/cart/items"))
                .header("Content-Type", "application/json").header("Origin", baseUrl())
                .timeout(Duration.ofSeconds(60))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"sku\":\"MUG-XMAS-001\",\"quantity\":1,"
                        + "\"personalisation\":{\"name\":\"Warm\",\"font\":\"Classic Serif\"}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (output.contains("store: http")) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("./atelier up ended (exit " + launcher.exitValue()
                        + ") before the store was ready:\n" + tail(output));
            }
            launcher.waitFor(1, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        close();
        home.toFile().deleteOnExit();
        throw new IllegalStateException("the store was not ready within " + START_TIMEOUT + ":\n" + tail(output));
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the store as Ctrl-C would: SIGTERM to the launcher, which stops the services, Kafka and PostgreSQL. */
    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
            launcher.destroyForcibly();
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("atelier"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("not inside the repository: no ./atelier above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    /** A free port below the kernel's ephemeral range, so that no client socket takes it before the server binds. */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 30000");
    }
}
