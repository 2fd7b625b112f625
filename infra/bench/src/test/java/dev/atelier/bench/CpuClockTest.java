package dev.atelier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checkout benchmark counts the machine's context switches per PAID order beside its CPU. */
class CpuClockTest {

    @Test
    void countsTheSwitchesOfAThreadThatBlocks() throws InterruptedException {
        long before = CpuClock.machineContextSwitches();
        // the stimulus, not a wait: a thread that blocks is switched out, twenty times
        for (int i = 0; i < 20; i++) {
            Thread.sleep(Duration.ofMillis(1));
        }

        assertThat(before).isPositive();
        assertThat(CpuClock.machineContextSwitches() - before).isGreaterThanOrEqualTo(20);
    }
}
