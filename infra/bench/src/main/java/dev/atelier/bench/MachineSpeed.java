package dev.atelier.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * How fast this machine's cores are at the moment: a fixed piece of single-threaded work of the kind the services do
 * (formatting strings, hashing them into a map, looking them up, with the allocation that goes with it), timed a few
 * times once it is compiled, the fastest time kept. The benchmark times it before
 * the store starts and after it stopped, on a quiet machine. This VM's cores do not always run at the same speed: on
 * 24 Nov two whole checkout runs of the same code an hour apart cost 29.0 and 35.2 ms of the machine's CPU per PAID
 * order, every process about a fifth more in the second, which no change of ours explains. A checkout figure is only
 * comparable with another one measured at about the same speed.
 */
final class MachineSpeed {

    private static final int KEYS = 200_000;
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
        SplittableRandom random = new SplittableRandom(20261124);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            map.put("sku-" + Long.toHexString(random.nextLong()) + "-" + i, i);
        }
        long sum = 0;
        random = new SplittableRandom(20261124);
        for (int i = 0; i < KEYS; i++) {
            sum += map.get("sku-" + Long.toHexString(random.nextLong()) + "-" + i);
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
