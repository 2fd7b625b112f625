package dev.atelier.local;

import dev.atelier.local.StackState.Component;
import dev.atelier.local.StackState.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One service's process: started with its environment and its output in its own log, probed until ready, and
 * stopped gently, then firmly.
 */
final class ServiceProcess {

    /** How the wait for readiness ended. */
    enum Outcome { READY, FAILED, ABANDONED }

    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * What a JVM that records its start-up cache gets on top of the grace period to stop: it writes the cache
     * after the service has shut down, which takes seconds per service, more when they all write at once.
     */
    static final Duration RECORDING_GRACE = Duration.ofSeconds(120);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final ServiceDefinition service;
    private final Path log;
    private volatile @Nullable Process process;
    private volatile State state = State.WAITING;
    private volatile @Nullable Instant startedAt;
    private volatile @Nullable Instant readyAt;
    private volatile @Nullable String failure;
    private volatile ServiceStart start = ServiceStart.plain(List.of());

    ServiceProcess(ServiceDefinition service, Path log) {
        this.service = service;
        this.log = log;
    }

    ServiceDefinition service() {
        return service;
    }

    State state() {
        return state;
    }

    Path log() {
        return log;
    }

    @Nullable String failure() {
        return failure;
    }

    @Nullable Instant readyAt() {
        return readyAt;
    }

    @Nullable Instant startedAt() {
        return startedAt;
    }

    /**
     * Starts the process in a session of its own, so that Ctrl-C in the launcher's terminal reaches the launcher
     * alone, which then stops the services before the infrastructure they depend on.
     */
    void start(List<String> command, Map<String, String> environment) throws IOException {
        start(ServiceStart.plain(command), environment);
    }

    void start(ServiceStart prepared, Map<String, String> environment) throws IOException {
        List<String> command = prepared.command();
        start = prepared;
        rotateLog();
        List<String> line = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> line.add(setsid.toString()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        startedAt = Instant.now();
        state = State.STARTING;
        Process started = builder.start();
        started.getOutputStream().close();
        process = started;
    }

    /** The previous run's log is kept beside the new one, for the crash that made you restart. */
    private void rotateLog() {
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(service.name() + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + log, e);
        }
    }

    /** Waits until the service answers ready, its process exits, the timeout passes, or {@code abandon} says so. */
    Outcome awaitReady(Duration timeout, BooleanSupplier abandon) {
        Process running = process;
        Instant started = startedAt;
        if (running == null || started == null) {
            throw new IllegalStateException(service.name() + " was not started");
        }
        Instant deadline = started.plus(timeout);
        try {
            while (true) {
                if (!running.isAlive()) {
                    fail("exited with code " + running.exitValue() + " before it was ready");
                    return Outcome.FAILED;
                }
                if (Readiness.isReady(service.url())) {
                    readyAt = Instant.now();
                    state = State.READY;
                    return Outcome.READY;
                }
                if (abandon.getAsBoolean()) {
                    return Outcome.ABANDONED;
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("not ready after " + timeout.toSeconds() + " s");
                    return Outcome.FAILED;
                }
                // doubles as the poll interval and as the earliest notice of the process exiting
                running.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.ABANDONED;
        }
    }

    void fail(String reason) {
        failure = reason;
        state = State.FAILED;
    }

    /** Calls back with the exit code when the process exits, whoever made it exit. */
    void onExit(IntConsumer callback) {
        Process running = process;
        if (running != null) {
            running.onExit().thenAccept(exited -> callback.accept(exited.exitValue()));
        }
    }

    void markExited(int code) {
        failure = "exited with code " + code;
        state = State.EXITED;
    }

    boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Whether this run records a start-up cache, which its JVM writes when it exits. */
    boolean isRecording() {
        return start.isRecording();
    }

    ServiceStart.Cache cache() {
        return start.cache();
    }

    /**
     * Stops the process, with more time if it records its start-up cache, and keeps that cache if it could
     * write all of it.
     *
     * @return whether a start-up cache was kept
     */
    boolean stop(Duration grace) {
        Process running = process;
        if (running == null) {
            return false;
        }
        boolean wasAlive = running.isAlive();
        if (wasAlive) {
            state = State.STOPPING;
        }
        ServiceStart prepared = start;
        boolean gently = Processes.terminate(running.toHandle(), prepared.isRecording() ? grace.plus(RECORDING_GRACE) : grace);
        boolean kept = prepared.finish(wasAlive && gently, readyAt != null);
        if (wasAlive) {
            state = State.STOPPED;
        }
        return kept;
    }

    Component component() {
        Process running = process;
        Long pid = running == null ? null : running.pid();
        Instant pidStartedAt = running == null ? null : running.toHandle().info().startInstant().orElse(null);
        return new Component(service.name(), service.url(), service.port(), service.database(), pid, pidStartedAt,
                state, startedAt, readyAt, log.toString(), failure);
    }
}
