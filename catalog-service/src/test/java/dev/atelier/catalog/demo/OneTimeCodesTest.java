package dev.atelier.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo admin's authenticator codes are RFC 6238's: its SHA-1 test vectors, truncated to six digits. */
class OneTimeCodesTest {

    // "12345678901234567890" in Base32, the RFC's SHA-1 seed
    private final OneTimeCodes codes = new OneTimeCodes("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    @Test
    void computesTheCodesOfRfc6238() {
        assertThat(codes.at(OneTimeCodes.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(codes.at(OneTimeCodes.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(codes.at(OneTimeCodes.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(codes.at(OneTimeCodes.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void readsASecretAsAnAppWouldAndRefusesOneThatIsNotBase32() {
        assertThat(new OneTimeCodes("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").at(1)).isEqualTo(codes.at(1));
        assertThatThrownBy(() -> new OneTimeCodes("NOT-BASE32!")).isInstanceOf(IllegalArgumentException.class);
    }
}
