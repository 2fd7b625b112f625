package dev.atelier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checkout benchmark says how fast the machine's cores and memory were before and after a run. */
class MachineSpeedTest {

    @Test
    void timesTheArithmeticAndAMemoryRead() {
        MachineSpeed.Reading reading = MachineSpeed.read();

        assertThat(reading.arithmetic()).isPositive().isLessThan(Duration.ofSeconds(30));
        // a read that misses every cache takes tens to hundreds of nanoseconds, never a fraction of one
        assertThat(reading.nanosPerMemoryRead()).isBetween(1.0, 10_000.0);
    }

    @Test
    void comparesWithTheReadingBeforeTheRun() {
        MachineSpeed.Reading before = new MachineSpeed.Reading(Duration.ofMillis(30), 100);
        MachineSpeed.Reading after = new MachineSpeed.Reading(Duration.ofMillis(33), 80);

        assertThat(before.describe(null)).isEqualTo("arithmetic 30.0 ms, a random memory read 100 ns");
        assertThat(after.describe(before)).isEqualTo(
                "arithmetic 33.0 ms, a random memory read 80 ns (10 % slower and 20 % faster than before the run)");
    }
}
