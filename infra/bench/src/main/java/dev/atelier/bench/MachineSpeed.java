package dev.atelier.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * How fast this machine's cores are at the moment: a fixed piece of single-threaded work (sorting the same two million
 * pseudo-random numbers), timed a few times once it is compiled, the fastest time kept. The benchmark times it before
 * the store starts and after it stopped, on a quiet machine. This VM's cores do not always run at the same speed: on
 * 24 Nov two whole checkout runs of the same code an hour apart cost 29.0 and 35.2 ms of the machine's CPU per PAID
 * order, every process about a fifth more in the second, which no change of ours explains. A checkout figure is only
 * comparable with another one measured at about the same speed.
 */
final class MachineSpeed {

    private static final int NUMBERS = 2_000_000;
    private static final int WARM_UPS = 3;
    private static final int TIMED = 7;

    private MachineSpeed() {
    }

    /** The fastest of several timings of the reference work, after a few runs that let the JIT compile it. */
    static Duration reference() {
        int[] numbers = new SplittableRandom(20261124).ints(NUMBERS).toArray();
        long checksum = 0;
        for (int i = 0; i < WARM_UPS; i++) {
            checksum += sortCopy(numbers);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < TIMED; i++) {
            long started = System.nanoTime();
            checksum += sortCopy(numbers);
            best = Math.min(best, System.nanoTime() - started);
        }
        if (checksum == 42) {
            // never true in practice; keeps the work from being optimised away
            System.out.print("");
        }
        return Duration.ofNanos(best);
    }

    private static long sortCopy(int[] numbers) {
        int[] copy = numbers.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** "312 ms", and how it compares with {@code earlier} ("8 % slower") when there is one. */
    static String describe(Duration now, @Nullable Duration earlier) {
        String millis = now.toMillis() + " ms";
        if (earlier == null) {
            return millis;
        }
        double change = (double) now.toNanos() / earlier.toNanos() - 1;
        return millis + String.format(" (%.0f %% %s than before the run)", Math.abs(change) * 100,
                change >= 0 ? "slower" : "faster");
    }
}
