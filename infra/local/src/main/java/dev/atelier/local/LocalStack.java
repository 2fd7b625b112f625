package dev.atelier.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.atelier.local.StackState.Component;
import dev.atelier.local.StackState.State;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The platform on this machine: Kafka and PostgreSQL in this JVM, then every service that exists as a child
 * process, supervised until {@link #close()} stops them in order: the services, then Kafka, then PostgreSQL.
 */
final class LocalStack implements AutoCloseable {

    /** How {@link #up()} ended. */
    enum Outcome { READY, FAILED, ALREADY_RUNNING, INTERRUPTED }

    /**
     * What to run and where. {@code requestedAt} is when the user asked for it, so that the time to ready
     * includes the build and the JVM start.
     */
    record Settings(Path repository, Home home, int kafkaPort, int postgresPort, boolean fresh,
            List<ServiceDefinition> services, ServiceCommand command, Duration readyTimeout, Duration stopGrace,
            int parallelism, Instant requestedAt, Map<String, String> postgresSettings) {

        Settings {
            postgresSettings = Map.copyOf(postgresSettings);
        }
    }

    private static final String GATEWAY = "gateway";
    /** The service that sends e-mail: GreenMail is started for it, and its SMTP settings point there. */
    private static final String NOTIFICATION = "notification-service";
    /** GreenMail's SMTP port (system property {@code atelier.smtp-port}); it catches every e-mail sent locally. */
    static final int SMTP_PORT = Integer.getInteger("atelier.smtp-port", 13025);
    /** GreenMail's IMAP port (system property {@code atelier.imap-port}): notification-service's bounce mailbox. */
    static final int IMAP_PORT = Integer.getInteger("atelier.imap-port", 13143);
    /** The bounce mailbox notification-service's local profile reads (address, login, password). */
    private static final String[] BOUNCE_MAILBOX = {"bounces@atelier.example", "bounces", "bounces"};

    private final Settings settings;
    private final Home home;
    private final PrintStream out;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<String, ServiceStart> starts = new ConcurrentHashMap<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Object stateLock = new Object();
    private volatile boolean closing;
    private boolean closed;
    private Home.@Nullable Lock lock;
    private @Nullable EmbeddedPostgresServer postgres;
    private @Nullable EmbeddedKafkaServer kafka;
    private @Nullable GreenMail smtp;
    private @Nullable Instant infrastructureStartedAt;
    private @Nullable Instant kafkaReadyAt;
    private @Nullable Instant postgresReadyAt;

    LocalStack(Settings settings, PrintStream out) {
        this.settings = settings;
        this.home = settings.home();
        this.out = out;
    }

    /** Starts everything and returns once all is ready, or something failed, or a stop was requested. */
    Outcome up() {
        Optional<Home.Lock> taken = home.tryLock();
        if (taken.isEmpty()) {
            Long pid = home.recordedPid();
            out.println("atelier is already running" + (pid == null ? "" : " (pid " + pid + ")") + " in " + home.directory()
                    + ": ./atelier status shows it, ./atelier down stops it");
            return Outcome.ALREADY_RUNNING;
        }
        lock = taken.get();
        Leftovers.clean(home, out);
        home.writePid(ProcessHandle.current().pid());

        List<ServiceDefinition> found = settings.services().stream()
                .filter(service -> service.existsIn(settings.repository()))
                .toList();
        reportFound(found);
        List<String> problems = problems(found);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> out.println("cannot start: " + problem));
            return Outcome.FAILED;
        }
        found.forEach(service -> processes.add(new ServiceProcess(service, home.log(service.name()))));

        // extracting the jars and probing the JVM for the start-up cache overlaps with Kafka's and PostgreSQL's start
        CompletableFuture<List<String>> prepared = prepareStarts(found);
        boolean infrastructure = startInfrastructure();
        reportPrepared(prepared.join());
        if (!infrastructure) {
            return Outcome.FAILED;
        }
        writeState();
        if (isStopRequested()) {
            return Outcome.INTERRUPTED;
        }
        if (!startServices()) {
            return isStopRequested() ? Outcome.INTERRUPTED : Outcome.FAILED;
        }
        reportReady();
        return Outcome.READY;
    }

    private void reportFound(List<ServiceDefinition> found) {
        if (found.isEmpty()) {
            out.println("services found: none yet (no module of " + settings.services().size()
                    + " known services exists); starting the infrastructure alone");
            return;
        }
        List<String> missing = settings.services().stream().filter(service -> !found.contains(service))
                .map(ServiceDefinition::name).toList();
        out.println("services found: " + String.join(", ", found.stream().map(ServiceDefinition::name).toList())
                + (missing.isEmpty() ? "" : " (not yet: " + String.join(", ", missing) + ")"));
    }

    /** What would make the start fail half-way, found before anything is started. */
    private List<String> problems(List<ServiceDefinition> found) {
        List<String> problems = new ArrayList<>();
        found.forEach(service -> settings.command().problem(service).ifPresent(problem -> problems.add(service.name() + ": " + problem)));
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka", settings.kafkaPort());
        ports.put("PostgreSQL", settings.postgresPort());
        found.forEach(service -> ports.put(service.name(), service.port()));
        if (found.stream().anyMatch(service -> service.name().equals(NOTIFICATION))) {
            ports.put("SMTP (GreenMail)", SMTP_PORT);
            ports.put("IMAP (GreenMail)", IMAP_PORT);
        }
        ports.forEach((name, port) -> {
            if (!isFree(port)) {
                problems.add("port " + port + " for " + name + " is in use by another program");
            }
        });
        return problems;
    }

    static boolean isFree(int port) {
        if (Readiness.isListening(port)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean startInfrastructure() {
        Path data = home.postgresData();
        if (settings.fresh()) {
            deleteRecursively(data);
        }
        out.println("starting Kafka on localhost:" + settings.kafkaPort() + " and PostgreSQL on localhost:"
                + settings.postgresPort() + (settings.fresh() ? " from empty" : "") + " (data in "
                + shortPath(data) + ", logs in " + shortPath(home.logs()) + ")");
        Instant started = Instant.now();
        infrastructureStartedAt = started;
        // the two are independent and each spends most of its start waiting, so they start side by side
        try (ExecutorService starter = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("infra-start-", 0).factory())) {
            CompletableFuture<Void> database = CompletableFuture.runAsync(() -> {
                // kept across restarts: the data directory is wiped only for --fresh, above
                postgres = EmbeddedPostgresServer.start(settings.postgresPort(), data, false,
                        settings.postgresSettings());
                createDatabases(Objects.requireNonNull(postgres));
                postgresReadyAt = Instant.now();
            }, starter);
            CompletableFuture<Void> messaging = CompletableFuture.runAsync(() -> {
                kafka = EmbeddedKafkaServer.start(settings.kafkaPort());
                kafkaReadyAt = Instant.now();
            }, starter);
            CompletableFuture.allOf(database, messaging).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            out.println("the infrastructure did not start: " + describe(cause) + " (see " + shortPath(home.logs()) + ")");
            return false;
        }
        if (processes.stream().anyMatch(process -> process.service().name().equals(NOTIFICATION))) {
            try {
                GreenMail server = new GreenMail(new ServerSetup[] {
                        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
                server.start();
                server.setUser(BOUNCE_MAILBOX[0], BOUNCE_MAILBOX[1], BOUNCE_MAILBOX[2]);
                smtp = server;
            } catch (RuntimeException e) {
                out.println("the SMTP server (GreenMail) did not start on port " + SMTP_PORT + ": " + describe(e));
                return false;
            }
            out.println("SMTP (GreenMail) on localhost:" + SMTP_PORT + " catches every e-mail; read them at "
                    + "http://localhost:8086/dev/inbox; bounce reports go to " + BOUNCE_MAILBOX[0] + " (IMAP on "
                    + "localhost:" + IMAP_PORT + ")");
        }
        out.println("infrastructure ready in " + StatusTable.seconds(Duration.between(started, Instant.now()))
                + " (Kafka " + StatusTable.seconds(started, kafkaReadyAt) + ", PostgreSQL "
                + StatusTable.seconds(started, postgresReadyAt) + ")");
        return true;
    }

    private CompletableFuture<List<String>> prepareStarts(List<ServiceDefinition> found) {
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(notes);
        }
        ExecutorService preparer = Executors.newFixedThreadPool(Math.min(2, found.size()),
                Thread.ofPlatform().name("service-prepare-", 0).daemon().factory());
        CompletableFuture<?>[] each = found.stream()
                .map(service -> CompletableFuture.runAsync(() -> starts.put(service.name(), settings.command().prepare(service, notes)), preparer))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).handle((done, error) -> {
            preparer.shutdown();
            if (error != null) {
                notes.add("could not prepare the starts: " + describe(error));
            }
            return notes;
        });
    }

    /** One line on the start-up cache, so that a slower first start after a build is no surprise. */
    private void reportPrepared(List<String> notes) {
        notes.forEach(out::println);
        Map<ServiceStart.Cache, List<String>> byCache = new EnumMap<>(ServiceStart.Cache.class);
        starts.forEach((name, start) -> byCache.computeIfAbsent(start.cache(), cache -> new ArrayList<>()).add(name));
        if (byCache.isEmpty() || byCache.keySet().equals(Set.of(ServiceStart.Cache.OFF))) {
            return;
        }
        List<String> parts = new ArrayList<>();
        int used = byCache.getOrDefault(ServiceStart.Cache.USED, List.of()).size();
        int recording = byCache.getOrDefault(ServiceStart.Cache.RECORDING, List.of()).size();
        int without = byCache.getOrDefault(ServiceStart.Cache.EXTRACTED, List.of()).size()
                + byCache.getOrDefault(ServiceStart.Cache.UNAVAILABLE, List.of()).size()
                + byCache.getOrDefault(ServiceStart.Cache.OFF, List.of()).size();
        if (used > 0) {
            parts.add("used by " + used);
        }
        if (recording > 0) {
            parts.add("recorded by " + recording + " on this run (the first start after a build; each writes its cache"
                    + " when the store stops, and the next start is faster)");
        }
        if (without > 0) {
            parts.add(without + " without");
        }
        out.println("start-up cache: " + String.join(", ", parts));
    }

    /** One database per service, whether or not the service exists yet: one run from an IDE finds its own. */
    private void createDatabases(EmbeddedPostgresServer server) {
        settings.services().stream().map(ServiceDefinition::database).filter(Objects::nonNull).forEach(server::createDatabase);
    }

    private boolean startServices() {
        if (processes.isEmpty()) {
            return true;
        }
        out.println("starting " + processes.size() + " service" + (processes.size() == 1 ? "" : "s") + ", "
                + settings.parallelism() + " at a time (logs in " + shortPath(home.logs()) + ")");
        AtomicBoolean failed = new AtomicBoolean();
        try (ExecutorService starter = Executors.newFixedThreadPool(settings.parallelism(),
                Thread.ofPlatform().name("service-start-", 0).factory())) {
            processes.forEach(process -> starter.execute(() -> startOne(process, failed)));
        }
        if (failed.get()) {
            processes.stream().filter(process -> process.state() == State.FAILED).forEach(this::reportFailure);
            return false;
        }
        return !isStopRequested();
    }

    private void startOne(ServiceProcess process, AtomicBoolean failed) {
        if (failed.get() || isStopRequested()) {
            return;
        }
        ServiceDefinition service = process.service();
        try {
            ServiceStart start = starts.get(service.name());
            process.start(start != null ? start : ServiceStart.plain(settings.command().command(service)), environment(service));
        } catch (IOException | UncheckedIOException e) {
            process.fail("could not start its process: " + e.getMessage());
            failed.set(true);
            writeState();
            return;
        }
        process.onExit(code -> exited(process, code));
        writeState();
        ServiceProcess.Outcome outcome = process.awaitReady(settings.readyTimeout(), () -> failed.get() || isStopRequested());
        if (outcome == ServiceProcess.Outcome.READY) {
            out.println("  " + service.name() + " ready in " + StatusTable.seconds(process.startedAt(), process.readyAt())
                    + " at " + service.url());
        } else if (outcome == ServiceProcess.Outcome.FAILED) {
            failed.set(true);
        }
        writeState();
    }

    /** The settings that point a service at the local infrastructure and at the other services. */
    Map<String, String> environment(ServiceDefinition service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(service.port()));
        if (service.database() != null) {
            environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + service.database());
            environment.put("SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
            environment.put("SPRING_DATASOURCE_PASSWORD", "");
        }
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + settings.kafkaPort());
        if (service.name().equals(DemoAdmin.SERVICE)) {
            environment.putAll(DemoAdmin.environment());
        }
        // outside Kubernetes Spring Boot does not publish the readiness group unless asked
        environment.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        settings.services().forEach(other -> environment.put(other.urlVariable(), other.url()));
        if (service.name().equals(NOTIFICATION)) {
            environment.put("SPRING_MAIL_HOST", "localhost");
            environment.put("SPRING_MAIL_PORT", String.valueOf(SMTP_PORT));
        }
        return environment;
    }

    /** A service that stops on its own once ready is reported; the rest keeps running. */
    private void exited(ServiceProcess process, int code) {
        if (closing || process.state() != State.READY) {
            return;
        }
        process.markExited(code);
        out.println(process.service().name() + " exited with code " + code + "; it is not restarted. Last lines of "
                + shortPath(process.log()) + ":");
        LogTail.of(process.log(), LogTail.DEFAULT_LINES).forEach(line -> out.println("  | " + line));
        writeState();
    }

    private void reportFailure(ServiceProcess process) {
        List<String> tail = LogTail.of(process.log(), LogTail.DEFAULT_LINES);
        out.println(process.service().name() + " failed: " + process.failure());
        out.println("last " + tail.size() + " lines of " + shortPath(process.log()) + ":");
        tail.forEach(line -> out.println("  | " + line));
    }

    private void reportReady() {
        StackState state = state();
        out.println();
        StatusTable.render(state).forEach(out::println);
        out.println();
        boolean gateway = processes.stream().anyMatch(process -> process.service().name().equals(GATEWAY));
        String storeUrl = settings.services().stream().filter(service -> service.name().equals(GATEWAY))
                .map(ServiceDefinition::url).findFirst().orElse("http://localhost:8080");
        out.println(gateway ? "store: " + storeUrl : "store: not yet (" + storeUrl + " once the gateway module exists)");
        if (processes.stream().anyMatch(process -> process.service().name().equals(DemoAdmin.SERVICE))) {
            out.println(DemoAdmin.describe());
        }
        Instant now = Instant.now();
        out.println("ready in " + StatusTable.seconds(Duration.between(settings.requestedAt(), now))
                + " (infrastructure " + StatusTable.seconds(infrastructureStartedAt, latest(kafkaReadyAt, postgresReadyAt))
                + "); Ctrl-C or ./atelier down stops everything");
    }

    private static @Nullable Instant latest(@Nullable Instant first, @Nullable Instant second) {
        return Stream.of(first, second).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    void requestStop() {
        stopRequested.countDown();
    }

    boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }

    void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    StackState state() {
        List<Component> services = processes.stream().map(ServiceProcess::component).toList();
        EmbeddedPostgresServer database = postgres;
        Long postgresPid = database == null ? null : postmasterPid(home.postgresData());
        return new StackState(ProcessHandle.current().pid(), settings.requestedAt(),
                new Component("kafka", "localhost:" + settings.kafkaPort(), settings.kafkaPort(), null, null, null,
                        infrastructureState(kafka), infrastructureStartedAt, kafkaReadyAt,
                        home.log("kafka").toString(), null),
                new Component("postgresql", "localhost:" + settings.postgresPort(), settings.postgresPort(), null,
                        postgresPid, postgresPid == null ? null : ProcessHandle.of(postgresPid).flatMap(h -> h.info().startInstant()).orElse(null),
                        infrastructureState(postgresReadyAt), infrastructureStartedAt, postgresReadyAt,
                        home.log("postgres").toString(), null),
                services);
    }

    private State infrastructureState(@Nullable Object started) {
        if (started != null) {
            return State.READY;
        }
        return infrastructureStartedAt == null ? State.WAITING : State.STARTING;
    }

    /** PostgreSQL's own record of its server process, the first line of {@code postmaster.pid}. */
    static @Nullable Long postmasterPid(Path dataDirectory) {
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).map(Long::parseLong).orElse(null);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private void writeState() {
        synchronized (stateLock) {
            if (!closed) {
                state().writeTo(home.stateFile());
            }
        }
    }

    /** Stops the services, then Kafka, then PostgreSQL; safe to call more than once and from any thread. */
    @Override
    public void close() {
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closing = true;
        }
        requestStop();
        Instant started = Instant.now();
        boolean anythingStarted = kafka != null || postgres != null || smtp != null || processes.stream().anyMatch(ServiceProcess::isAlive);
        if (anythingStarted) {
            out.println("stopping");
        }
        stopServices();
        GreenMail mailServer = smtp;
        if (mailServer != null) {
            step("SMTP stopped", mailServer::stop);
        }
        EmbeddedKafkaServer broker = kafka;
        if (broker != null) {
            step("Kafka stopped", broker::close);
        }
        EmbeddedPostgresServer database = postgres;
        if (database != null) {
            step("PostgreSQL stopped", database::close);
        }
        synchronized (stateLock) {
            closed = true;
        }
        Home.Lock held = lock;
        if (held != null) {
            home.deleteRunFiles();
            held.close();
        }
        if (anythingStarted) {
            out.println("stopped in " + StatusTable.seconds(Duration.between(started, Instant.now())));
        }
    }

    private void stopServices() {
        List<ServiceProcess> alive = processes.stream().filter(ServiceProcess::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        List<String> recording = alive.stream().filter(ServiceProcess::isRecording).map(process -> process.service().name()).toList();
        if (!recording.isEmpty()) {
            out.println("  writing the start-up cache of " + recording.size() + " service" + (recording.size() == 1 ? "" : "s")
                    + " as they stop (once per build; the next start is faster)");
        }
        // each gets the whole grace period: they stop side by side, not one after the other
        try (ExecutorService stopper = Executors.newVirtualThreadPerTaskExecutor()) {
            alive.forEach(process -> stopper.execute(() -> {
                Instant started = Instant.now();
                boolean kept = process.stop(settings.stopGrace());
                out.println("  " + process.service().name() + " stopped in " + StatusTable.seconds(Duration.between(started, Instant.now()))
                        + (kept ? ", start-up cache written" : process.isRecording() ? ", start-up cache not written" : ""));
            }));
        }
        synchronized (stateLock) {
            state().writeTo(home.stateFile());
        }
    }

    private void step(String done, Runnable action) {
        try {
            action.run();
            out.println("  " + done);
        } catch (RuntimeException e) {
            out.println("  " + done.replace("stopped", "did not stop cleanly") + ": " + describe(e));
        }
    }

    private String shortPath(Path path) {
        Path absolute = path.toAbsolutePath();
        Path repository = settings.repository().toAbsolutePath();
        return absolute.startsWith(repository) ? repository.relativize(absolute).toString() : absolute.toString();
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
