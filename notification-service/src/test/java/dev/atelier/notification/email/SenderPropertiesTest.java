package dev.atelier.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule: exponential from the initial back-off, capped. */
class SenderPropertiesTest {

    private final SenderProperties properties = new SenderProperties("Atelier <hello@atelier.example>", 2, 50,
            Duration.ofMillis(500), 6, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2));

    @Test
    void backOffDoublesAfterEachFailedAttemptUpToTheCap() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoffAfter(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesSettingsThatWouldNeverSend() {
        assertThatThrownBy(() -> new SenderProperties("a@b.c", 0, 50, Duration.ofSeconds(1), 6, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SenderProperties("a@b.c", 1, 50, Duration.ofSeconds(1), 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("at least 1");
    }
}
