package dev.atelier.bench;

import java.time.Duration;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * How fast this machine is at the moment, in two probes. The core: a fixed piece of single-threaded arithmetic (a
 * xorshift sequence folded into a 16 KB table, so it stays in the core's caches and allocates next to nothing), the
 * fastest of eleven timings once compiled; about 2 % apart between JVMs on a quiet machine. A first version put
 * 200,000 strings into a map, and its time depended on the heap the benchmark's JVM had left after Gatling (80 %
 * "slower" after a run) and varied by a third between JVMs. The memory: the latency of a read that misses every
 * cache ({@link #nanosPerMemoryRead}).
 * <p>
 * The benchmark takes both before the store starts and after it stopped. This VM does not always run at the same
 * speed: on 24 Nov four whole checkout runs of the same code within an hour cost 29.0, 35.2, 33.2 and 37.2 ms of the
 * machine's CPU per PAID order, every process more in the slower ones, which no change of ours explains. A checkout
 * figure is only comparable with another one measured at about the same speed.
 */
final class MachineSpeed {

    /** The two timings: the core's arithmetic, and a random read from memory that misses every cache. */
    record Reading(Duration arithmetic, double nanosPerMemoryRead) {

        String describe(@Nullable Reading before) {
            String text = String.format("arithmetic %.1f ms, a random memory read %.0f ns", arithmetic.toNanos() / 1e6,
                    nanosPerMemoryRead);
            if (before == null) {
                return text;
            }
            return text + " (" + change((double) arithmetic.toNanos() / before.arithmetic.toNanos()) + " and "
                    + change(nanosPerMemoryRead / before.nanosPerMemoryRead) + " than before the run)";
        }

        private static String change(double ratio) {
            return String.format("%.0f %% %s", Math.abs(ratio - 1) * 100, ratio >= 1 ? "slower" : "faster");
        }
    }

    /** Ints in the memory probe's cycle: 64 MB, far beyond any cache of this machine. */
    private static final int MEMORY_SLOTS = 1 << 24;
    private static final int MEMORY_READS = 2_000_000;

    private static final int STEPS = 20_000_000;
    private static final int TABLE = 4096;
    private static final int WARM_UPS = 3;
    private static final int TIMED = 11;
    private static final int TIMED_WALKS = 7;

    private MachineSpeed() {
    }

    /** Both probes, each the fastest of several timings once compiled. */
    static Reading read() {
        return new Reading(reference(), nanosPerMemoryRead());
    }

    /** The fastest of several timings of the reference work, after a few runs that let the JIT compile it. */
    static Duration reference() {
        long checksum = 0;
        for (int i = 0; i < WARM_UPS; i++) {
            checksum += work();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < TIMED; i++) {
            long started = System.nanoTime();
            checksum += work();
            best = Math.min(best, System.nanoTime() - started);
        }
        if (checksum == 42) {
            // never true in practice; keeps the work from being optimised away
            System.out.print("");
        }
        return Duration.ofNanos(best);
    }

    private static long work() {
        int[] table = new int[TABLE];
        long x = 0x1391_2411_2026L;
        long sum = 0;
        for (int i = 0; i < STEPS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int slot = (int) (x & (TABLE - 1));
            table[slot] += (int) x;
            sum += table[(slot * 31) & (TABLE - 1)];
        }
        return sum;
    }

    /**
     * Memory latency: one random cycle through 64 MB of ints (Sattolo's shuffle, fixed seed), followed one read after
     * the other so that each waits for the last; the fastest of seven walks of two million reads. Its array is made
     * once per call, outside the timing. The checkout's floor fell from 2,292 to 1,547 checkouts/s between two runs
     * on 24 Nov while the arithmetic stayed at 26.8 ms: a neighbour on the host can slow memory, not the core.
     */
    static double nanosPerMemoryRead() {
        int[] next = new int[MEMORY_SLOTS];
        for (int i = 0; i < next.length; i++) {
            next[i] = i;
        }
        SplittableRandom random = new SplittableRandom(20261124);
        for (int i = next.length - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swapped = next[i];
            next[i] = next[j];
            next[j] = swapped;
        }
        long checksum = walk(next) + walk(next);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < TIMED_WALKS; i++) {
            long started = System.nanoTime();
            checksum += walk(next);
            best = Math.min(best, System.nanoTime() - started);
        }
        if (checksum == 42) {
            System.out.print("");
        }
        return (double) best / MEMORY_READS;
    }

    private static long walk(int[] next) {
        int at = 0;
        for (int i = 0; i < MEMORY_READS; i++) {
            at = next[at];
        }
        return at;
    }
}
