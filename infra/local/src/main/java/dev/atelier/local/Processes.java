package dev.atelier.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Stopping a process and whatever it started: SIGTERM, a grace period, then SIGKILL. */
final class Processes {

    static final Duration DESCENDANT_GRACE = Duration.ofSeconds(5);

    private Processes() {
    }

    /**
     * Stops the process within {@code grace}, forcibly after it, then its descendants, which the process's own
     * exit does not necessarily take down. They are listed first: once the process is gone they are re-parented
     * and can no longer be found from it.
     *
     * @return whether the process exited within {@code grace} (or had already), rather than being killed
     */
    static boolean terminate(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        boolean gently = true;
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(process, grace)) {
                gently = false;
                descendants.addAll(process.descendants().toList());
                process.destroyForcibly();
                awaitExit(process, DESCENDANT_GRACE);
            }
        }
        List<ProcessHandle> alive = descendants.stream().filter(ProcessHandle::isAlive).distinct().toList();
        alive.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + DESCENDANT_GRACE.toNanos();
        for (ProcessHandle descendant : alive) {
            if (!awaitExit(descendant, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                descendant.destroyForcibly();
            }
        }
        return gently;
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The process with that pid if it still is the one that was recorded, not a later one reusing the pid. */
    static Optional<ProcessHandle> sameProcess(long pid, @Nullable Instant startedAt) {
        if (startedAt == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(startedAt::equals).orElse(false));
    }
}
