package dev.atelier.local;

import dev.atelier.local.StackState.Component;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Cleans up after a launcher that died without stopping what it started (killed with -9, a crash): its
 * services and its PostgreSQL server outlive it, and would hold their ports and the data directory.
 * Only processes recorded by that launcher are touched, and only while they are the very processes recorded.
 */
final class Leftovers {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private Leftovers() {
    }

    /** Call only while holding the launcher lock: then no launcher is running and what is recorded is stale. */
    static void clean(Home home, PrintStream out) {
        Long pid = home.recordedPid();
        Optional<StackState> state = StackState.readFrom(home.stateFile());
        if (pid != null || state.isPresent()) {
            out.println("cleaning up after a launcher that did not stop cleanly"
                    + (pid == null ? "" : " (pid " + pid + ")"));
        }
        state.ifPresent(recorded -> recorded.services().forEach(service -> stop(service, out)));
        Long postmaster = LocalStack.postmasterPid(home.postgresData());
        if (postmaster != null) {
            ProcessHandle.of(postmaster)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                    .ifPresent(handle -> {
                        out.println("  stopping PostgreSQL left running (pid " + postmaster + ")");
                        Processes.terminate(handle, GRACE);
                    });
        }
        home.deleteRunFiles();
    }

    private static void stop(Component service, PrintStream out) {
        Long pid = service.pid();
        if (pid == null) {
            return;
        }
        Processes.sameProcess(pid, service.pidStartedAt()).ifPresent(handle -> {
            out.println("  stopping " + service.name() + " left running (pid " + pid + ")");
            Processes.terminate(handle, GRACE);
        });
    }
}
