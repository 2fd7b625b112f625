package dev.atelier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checkout benchmark says how fast the machine's cores were before and after a run. */
class MachineSpeedTest {

    @Test
    void timesTheReferenceWork() {
        assertThat(MachineSpeed.reference()).isPositive().isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void comparesWithTheTimingBeforeTheRun() {
        assertThat(MachineSpeed.describe(Duration.ofMillis(300), null)).isEqualTo("300.0 ms");
        assertThat(MachineSpeed.describe(Duration.ofMillis(330), Duration.ofMillis(300)))
                .isEqualTo("330.0 ms (10 % slower than before the run)");
        assertThat(MachineSpeed.describe(Duration.ofMillis(270), Duration.ofMillis(300)))
                .isEqualTo("270.0 ms (10 % faster than before the run)");
    }
}
