package dev.atelier.bench;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How fast this machine's cores are at the moment: a fixed piece of single-threaded arithmetic (a xorshift sequence
 * folded into a 16 KB table, so it stays in the core's caches and allocates next to nothing), timed eleven times once
 * it is compiled, the fastest time kept. It is free of allocation on purpose: a first version put 200,000 strings into
 * a map, and its time depended on the heap the benchmark's JVM had left after Gatling (80 % "slower" after a run) and
 * varied by a third between JVMs; this one varies by about 2 % between JVMs on a quiet machine.
 * <p>
 * The benchmark times it before the store starts and after it stopped. This VM's cores do not always run at the same
 * speed: on 24 Nov two whole checkout runs of the same code half an hour apart cost 29.0 and 35.2 ms of the
 * machine's CPU per PAID order, every process about a fifth more in the second, which no change of ours explains. A
 * checkout figure is only comparable with another one measured at about the same speed.
 */
final class MachineSpeed {

    private static final int STEPS = 20_000_000;
    private static final int TABLE = 4096;
    private static final int WARM_UPS = 3;
    private static final int TIMED = 11;

    private MachineSpeed() {
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

    /** "31.2 ms", and how it compares with {@code earlier} ("8 % slower") when there is one. */
    static String describe(Duration now, @Nullable Duration earlier) {
        String millis = String.format("%.1f ms", now.toNanos() / 1e6);
        if (earlier == null) {
            return millis;
        }
        double change = (double) now.toNanos() / earlier.toNanos() - 1;
        return millis + String.format(" (%.0f %% %s than before the run)", Math.abs(change) * 100,
                change >= 0 ? "slower" : "faster");
    }
}
