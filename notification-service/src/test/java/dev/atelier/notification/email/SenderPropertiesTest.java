package dev.atelier.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The retry schedule: exponential from the initial back-off, capped; the envelope sender that receives bounces. */
class SenderPropertiesTest {

    private final SenderProperties properties = withReturnPath(null, true);

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
                Duration.ofSeconds(1), Duration.ofSeconds(1), null, true)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SenderProperties("a@b.c", 1, 50, Duration.ofSeconds(1), 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), null, true)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> withReturnPath("Bounces <bounces@atelier.example>", true))
                .hasMessageContaining("plain address");
    }

    @Test
    void theEnvelopeSenderNamesTheEmailUnderVerpAndIsTheBounceAddressOtherwise() {
        UUID id = UUID.fromString("0193a6f0-7c1e-7000-8000-000000000001");

        assertThat(withReturnPath("bounces@atelier.example", true).envelopeSenderFor(id))
                .isEqualTo("bounces+0193a6f0-7c1e-7000-8000-000000000001@atelier.example");
        assertThat(withReturnPath("bounces@atelier.example", false).envelopeSenderFor(id))
                .isEqualTo("bounces@atelier.example");
        assertThat(withReturnPath(" ", true).envelopeSenderFor(id)).isNull();
        assertThat(properties.envelopeSenderFor(id)).isNull();
    }

    private static SenderProperties withReturnPath(@Nullable String returnPath, boolean verp) {
        return new SenderProperties("Atelier <hello@atelier.example>", 2, 50, Duration.ofMillis(500), 6,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2), returnPath, verp);
    }
}
