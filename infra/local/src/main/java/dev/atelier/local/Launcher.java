package dev.atelier.local;

import dev.atelier.local.StackState.Component;
import dev.atelier.local.StackState.State;
import dev.atelier.testing.EmbeddedPostgresServer;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

/**
 * The entry point behind {@code ./atelier up | down | status}: runs the local stack in the foreground, or
 * talks to the one running, through the files under {@code .atelier/}, from another terminal.
 */
public final class Launcher {

    static final String USAGE = """
            usage: atelier up [--fresh] [options]   start Kafka, PostgreSQL and every service; Ctrl-C stops them
                   atelier down [--timeout S]       stop the running launcher and wait until it has stopped
                   atelier status                   print the running services, probing readiness now
            options (each also a system property atelier.<name>):
              --repo DIR               repository root (default: the current directory)
              --home DIR               state, data and logs (default: <repo>/.atelier)
              --kafka-port N           default 19092
              --postgres-port N        default 15432
              --ready-timeout S        seconds a service has to become ready, default 180
              --stop-timeout S         seconds a service has to stop before it is killed, default 20
              --parallel N             services started at a time, default 4
              --service-java-opts OPTS JVM options of each service (default: $ATELIER_SERVICE_JAVA_OPTS, else
                                       "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
              --postgres-settings S    PostgreSQL settings over the embedded server's, as name=value,... (e.g.
                                       "shared_buffers=1GB,max_wal_size=8GB"); default: none
              --cache DIR|off          the services' start-up cache (extracted jars, AOT cache or CDS archive),
                                       default <repo>/.atelier/cache; off runs each service from its jar""";

    static final String DEFAULT_SERVICE_JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final int NOT_RUNNING = 3;
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";
    private static final int INTERRUPTED = 130;

    private Launcher() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("atelier: " + e.getMessage());
            System.err.println(USAGE);
            code = 2;
        }
        // Kafka leaves non-daemon threads behind even once closed
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        return switch (options.command()) {
            case "up" -> up(options, out);
            case "down" -> down(options, out);
            case "status" -> status(options, out);
            default -> throw new IllegalArgumentException("unknown command " + options.command());
        };
    }

    private static int up(Options options, PrintStream out) {
        Home home = options.home();
        home.create();
        // read by logback when the first logger is created, which is after this
        if (System.getProperty("atelier.logs") == null) {
            System.setProperty("atelier.logs", home.logs().toString());
        }
        if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, "atelier-launcher-logback.xml");
        }
        // what libraries print rather than log (Kafka's storage formatter, JDK warnings) goes to a file too;
        // the launcher's own lines go to the terminal through out
        PrintStream console = console(home.log("console"));
        System.setOut(console);
        System.setErr(console);
        LocalStack stack = new LocalStack(options.settings(), out);
        // Ctrl-C, down's SIGTERM and a closed terminal stop the stack in order before the JVM exits; left to the
        // JVM, they would run every shutdown hook at once, PostgreSQL's among them, before the services stopped
        for (String signal : List.of("INT", "TERM", "HUP")) {
            try {
                Signal.handle(new Signal(signal), received -> stack.requestStop());
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs): the shutdown hook below still stops the stack
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "atelier-stop"));
        LocalStack.Outcome outcome = stack.up();
        try {
            return switch (outcome) {
                case ALREADY_RUNNING -> 1;
                case FAILED -> 1;
                case INTERRUPTED -> INTERRUPTED;
                case READY -> {
                    stack.awaitStopRequest();
                    yield 0;
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        } finally {
            stack.close();
        }
    }

    private static PrintStream console(Path file) {
        try {
            return new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int down(Options options, PrintStream out) {
        Home home = options.home();
        Long pid = home.recordedPid();
        if (!home.launcherRunning()) {
            if (pid != null || Files.exists(home.stateFile())) {
                home.tryLock().ifPresent(lock -> {
                    try (lock) {
                        Leftovers.clean(home, out);
                    }
                });
            }
            out.println("atelier is not running");
            return 0;
        }
        Optional<ProcessHandle> launcher = pid == null ? Optional.empty() : ProcessHandle.of(pid);
        if (launcher.isEmpty()) {
            out.println("a launcher holds the lock in " + home.directory() + " but its pid file names no running process");
            return 1;
        }
        out.println("stopping atelier (pid " + pid + ")");
        Instant started = Instant.now();
        launcher.get().destroy();
        if (!Processes.awaitExit(launcher.get(), options.downTimeout())) {
            out.println("atelier (pid " + pid + ") has not stopped after " + options.downTimeout().toSeconds()
                    + " s; see the terminal it runs in, or kill -9 " + pid + " (the next up cleans up after it)");
            return 1;
        }
        out.println("atelier stopped in " + StatusTable.seconds(Duration.between(started, Instant.now())));
        return 0;
    }

    static int status(Options options, PrintStream out) {
        Home home = options.home();
        if (!home.launcherRunning()) {
            Long pid = home.recordedPid();
            out.println("atelier is not running" + (pid == null ? ""
                    : " (launcher pid " + pid + " did not stop cleanly; ./atelier up or down cleans up after it)"));
            return NOT_RUNNING;
        }
        Optional<StackState> recorded = StackState.readFrom(home.stateFile());
        if (recorded.isEmpty()) {
            out.println("atelier is starting (pid " + home.recordedPid() + ")");
            return 0;
        }
        StackState state = probed(recorded.get());
        StatusTable.render(state).forEach(out::println);
        boolean gatewayReady = state.services().stream()
                .anyMatch(service -> service.name().equals("gateway") && service.state() == State.READY);
        out.println();
        out.println("store: " + (gatewayReady ? "http://localhost:" + portOf(state, "gateway") : "not available (no gateway ready)"));
        out.println("launcher pid " + state.launcherPid() + ", started at " + StatusTable.clock(state.startedAt()));
        return 0;
    }

    private static int portOf(StackState state, String service) {
        return state.services().stream().filter(s -> s.name().equals(service)).mapToInt(Component::port).findFirst().orElse(8080);
    }

    /** The recorded state with every state replaced by what the components answer now. */
    static StackState probed(StackState state) {
        List<Component> services = state.services().stream().map(Launcher::probed).toList();
        return new StackState(state.launcherPid(), state.startedAt(), probedInfrastructure(state.kafka()),
                probedInfrastructure(state.postgres()), services);
    }

    private static Component probedInfrastructure(Component component) {
        if (component.state() != State.READY) {
            return component;
        }
        return component.withState(Readiness.isListening(component.port()) ? State.READY : State.NOT_READY);
    }

    private static Component probed(Component service) {
        Long pid = service.pid();
        if (pid == null) {
            return service;
        }
        if (Processes.sameProcess(pid, service.pidStartedAt()).isEmpty()) {
            return service.state() == State.FAILED ? service : service.withState(State.EXITED);
        }
        if (Readiness.isReady(service.url())) {
            return service.withState(State.READY);
        }
        return service.state() == State.STARTING ? service : service.withState(State.NOT_READY);
    }

    /** The command line, each option falling back to a system property {@code atelier.<name>}, then a default. */
    record Options(String command, Map<String, String> values, boolean fresh) {

        private static final List<String> NAMES = List.of("repo", "home", "kafka-port", "postgres-port", "ready-timeout",
                "stop-timeout", "parallel", "service-java-opts", "postgres-settings", "timeout", "cache");

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no command given");
            }
            Map<String, String> values = new HashMap<>();
            boolean fresh = false;
            List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
            for (int i = 0; i < rest.size(); i++) {
                String argument = rest.get(i);
                if (argument.equals("--fresh")) {
                    fresh = true;
                    continue;
                }
                String name = argument.startsWith("--") ? argument.substring(2) : "";
                String value;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (i + 1 < rest.size()) {
                    value = rest.get(++i);
                } else {
                    throw new IllegalArgumentException("no value for " + argument);
                }
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + argument);
                }
                values.put(name, value);
            }
            return new Options(args[0], Map.copyOf(values), fresh);
        }

        private @Nullable String value(String name) {
            String value = values.get(name);
            return value != null ? value : System.getProperty("atelier." + name);
        }

        private int number(String name, int fallback) {
            String value = value(name);
            try {
                return value == null ? fallback : Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " takes a number, not " + value);
            }
        }

        Path repository() {
            String value = value("repo");
            return Path.of(value == null ? "" : value).toAbsolutePath().normalize();
        }

        Home home() {
            String value = value("home");
            return new Home(value == null ? defaultHome() : Path.of(value));
        }

        Duration downTimeout() {
            // the first stop after a build waits for every service to write its start-up cache: a minute or two here
            return Duration.ofSeconds(number("timeout", 240));
        }

        List<String> serviceJavaOptions() {
            String value = value("service-java-opts");
            if (value == null) {
                value = System.getenv("ATELIER_SERVICE_JAVA_OPTS");
            }
            if (value == null) {
                value = DEFAULT_SERVICE_JAVA_OPTS;
            }
            return split(value);
        }

        /**
         * The services' start-up cache, {@code null} when off. It belongs to the built tree rather than to one
         * store's data, so it lives under the repository whatever {@code --home} says, and every store started from
         * the tree (./atelier up, the end-to-end tests, the benchmarks) uses what is there. Only the developer's
         * own store (the default home) records one: a store with a home of its own is a test's or a benchmark's,
         * which must neither pay for the recording when it stops nor run its JVMs in recording mode; nor does a
         * CI server (environment variable {@code CI}), which keeps nothing for a next start.
         */
        @Nullable StartCache startCache() {
            String value = value("cache");
            if (value != null && value.strip().equals("off")) {
                return null;
            }
            Path directory = value == null ? defaultHome().resolve("cache") : Path.of(value.strip());
            boolean record = home().directory().equals(new Home(defaultHome()).directory()) && !isCi(System.getenv("CI"));
            return StartCache.standard(directory, record);
        }

        static boolean isCi(@Nullable String ci) {
            return ci != null && !ci.isBlank() && !ci.strip().equalsIgnoreCase("false");
        }

        private Path defaultHome() {
            return repository().resolve(".atelier");
        }

        private static List<String> split(String options) {
            return Arrays.stream(options.strip().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        }

        LocalStack.Settings settings() {
            // a start spends part of its time waiting (database, broker), which a third and fourth start fill
            int parallel = number("parallel", 4);
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel takes a number from 1");
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new LocalStack.Settings(repository(), home(), number("kafka-port", 19092), number("postgres-port", 15432),
                    fresh, ServiceDefinition.standard(), new JarCommand(repository(), java, serviceJavaOptions(), startCache()),
                    Duration.ofSeconds(number("ready-timeout", 180)), Duration.ofSeconds(number("stop-timeout", 20)),
                    parallel, requestedAt(), postgresSettings());
        }

        /**
         * {@code --postgres-settings name=value,...}: {@code postgresql.conf} settings over the embedded server's own
         * (a benchmark's production-like {@code shared_buffers}, say).
         */
        Map<String, String> postgresSettings() {
            String value = value("postgres-settings");
            try {
                return EmbeddedPostgresServer.settings(value == null ? "" : value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--postgres-settings: " + e.getMessage(), e);
            }
        }

        /** When the user typed the command: the script passes it, so that the build counts in the time to ready. */
        private static Instant requestedAt() {
            String fromScript = System.getenv("ATELIER_REQUESTED_AT_MS");
            if (fromScript != null && fromScript.matches("\\d+")) {
                return Instant.ofEpochMilli(Long.parseLong(fromScript));
            }
            return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        }
    }
}
