package dev.atelier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        double busy = 1;
        while (true) {
            long[] before = cpu();
            LockSupport.parkNanos(window.toNanos());
            long[] after = cpu();
            long total = after[0] - before[0];
            busy = total <= 0 ? 0 : 1 - (double) (after[1] - before[1]) / total;
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (busy < threshold) {
                return new Result(waited, busy, true);
            }
            if (System.nanoTime() > end) {
                return new Result(waited, busy, false);
            }
        }
    }

    /** All cores' jiffies: {total, idle + iowait}, from the first line of /proc/stat; zeros where there is none. */
    private static long[] cpu() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
