package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 secret ("12345678901234567890") in Base32; its codes are the last six digits. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void computesTheRfcsTestVectors() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void keepsOneCodeForAThirtySecondStepAndReadsSecretsAsAppsShowThem() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(30))).isEqualTo(Totp.code(RFC_SECRET,
                Instant.ofEpochSecond(59)));
        assertThat(Totp.code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThatThrownBy(() -> Totp.code("not base32!", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
