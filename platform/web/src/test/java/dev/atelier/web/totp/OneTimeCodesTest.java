package dev.atelier.web.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codes are RFC 6238's (its SHA-1 test vectors, truncated to six digits) and read secrets as apps do. */
class OneTimeCodesTest {

    /** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in Base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private final OneTimeCodes codes = OneTimeCodes.of(RFC_SECRET);

    @Test
    void computesTheSha1TestVectorsOfRfc6238() {
        assertThat(codes.at(Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(codes.at(Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(codes.at(Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
        assertThat(codes.at(Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(codes.at(Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
        assertThat(codes.at(Instant.ofEpochSecond(20000000000L))).isEqualTo("353130");
    }

    @Test
    void keepsOneCodeForEachThirtySecondStep() {
        assertThat(OneTimeCodes.step(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(OneTimeCodes.step(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(OneTimeCodes.step(Instant.ofEpochSecond(60))).isEqualTo(2);
        assertThat(OneTimeCodes.step(Instant.ofEpochSecond(-1))).isEqualTo(-1);
        assertThat(codes.at(Instant.ofEpochSecond(30))).isEqualTo(codes.at(1));
    }

    @Test
    void readsASecretAsAnAppShowsItAndRefusesOneThatIsNotBase32() {
        assertThat(OneTimeCodes.of("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").at(1)).isEqualTo(codes.at(1));
        assertThat(OneTimeCodes.of("MZXW6YTBOI======").at(1)).isEqualTo(OneTimeCodes.of("MZXW6YTBOI").at(1));
        assertThatThrownBy(() -> OneTimeCodes.of("NOT-BASE32!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not Base32");
        assertThatThrownBy(() -> OneTimeCodes.of("0189")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneTimeCodes.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesAndEncodesBase32AsRfc4648() {
        assertThat(OneTimeCodes.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(OneTimeCodes.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(OneTimeCodes.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(RFC_SECRET);
        assertThat(OneTimeCodes.decode("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(OneTimeCodes.decode("MZXW6YQ=")).isEqualTo("foob".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void makesNewSecretsOf160RandomBits() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String secret = OneTimeCodes.newSecret();
            assertThat(secret).hasSize(32).matches("[A-Z2-7]{32}");
            assertThat(OneTimeCodes.decode(secret)).hasSize(20);
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(20);
    }

    @Test
    void findsTheStepOfACodeWithinTheWindowOnly() {
        long now = OneTimeCodes.step(Instant.ofEpochSecond(1111111109));
        assertThat(codes.matchingStep(codes.at(now), now, 1)).isEqualTo(OptionalLong.of(now));
        assertThat(codes.matchingStep(codes.at(now - 1), now, 1)).isEqualTo(OptionalLong.of(now - 1));
        assertThat(codes.matchingStep(codes.at(now + 1), now, 1)).isEqualTo(OptionalLong.of(now + 1));
        assertThat(codes.matchingStep(codes.at(now - 2), now, 1)).isEmpty();
        assertThat(codes.matchingStep(codes.at(now + 2), now, 1)).isEmpty();
        assertThat(codes.matchingStep(codes.at(now + 1), now, 0)).isEmpty();
        assertThat(codes.matchingStep("081804 ", now, 1)).isEmpty();
        assertThat(codes.matchingStep("81804", now, 1)).isEmpty();
        assertThat(codes.matchingStep("", now, 1)).isEmpty();
        assertThatThrownBy(() -> codes.matchingStep("081804", now, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
