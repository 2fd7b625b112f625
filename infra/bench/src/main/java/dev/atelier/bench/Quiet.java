package dev.atelier.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the machine is quiet again: the share of all cores busy, over a few seconds, under a threshold. After
 * a phase that overloads the store (the paced checkout asks for more than two cores complete) the services may go on
 * working through a backlog once the load generator stopped; the next phase must not be measured on it. The load
 * average cannot tell: it is a one-minute mean that lags well behind the machine.
 */
final class Quiet {

    private Quiet() {
    }

    /** What {@link #await} saw: how long it took, the last window's busy share, and whether it got there. */
    record Result(Duration waited, double busy, boolean quiet) {

        String describe() {
            return quiet
                    ? String.format("the machine was quiet (%.0f %% busy) after %d s", busy * 100, waited.toSeconds())
                    : String.format("the machine was still %.0f %% busy after %d s (went on anyway)", busy * 100,
                            waited.toSeconds());
        }
    }

    /**
     * @param threshold the busy share of all cores (0–1) under which the machine counts as quiet
     * @param window how long each measurement lasts
     * @param deadline the longest wait; then it returns, not quiet
     */
    static Result await(double threshold, Duration window, Duration deadline) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        int cores = Runtime.getRuntime().availableProcessors();
        while (true) {
            double busyBefore = CpuClock.machineBusyMillis();
            long windowStart = System.nanoTime();
            LockSupport.parkNanos(window.toNanos());
            double wallMillis = (System.nanoTime() - windowStart) / 1e6;
            double busy = (CpuClock.machineBusyMillis() - busyBefore) / (wallMillis * cores);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (busy < threshold) {
                return new Result(waited, busy, true);
            }
            if (System.nanoTime() > end) {
                return new Result(waited, busy, false);
            }
        }
    }
}
