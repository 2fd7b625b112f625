package dev.atelier.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.payment.TinkStub;
import dev.atelier.payment.provider.TinkProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The verification against the worked example of Tink's documentation ("Webhook signature validation"): secret
 * {@code top_secret_top_secret_top_secret}, {@code t=1620198421} and the documented body give signature
 * {@code 3808bca3…abefb}. A known answer from Tink itself, so that the scheme is Tink's and not only our own mirror.
 */
class TinkSignatureTest {

    private static final String SECRET = "top_secret_top_secret_top_secret";
    private static final long T = 1620198421L;
    private static final String DOCUMENTED_BODY = "{\"context\": {...}, \"event\": \"...\",  \"content\": {...}}";
    private static final String DOCUMENTED_HEADER =
            "t=1620198421,v1=3808bca389150582fd78bdb5e3dfcf46f99ff168d37d60cdc13da7c5e49abefb";

    @Test
    void tinksDocumentedSignatureVerifiesAndItsBodyIsNoEvent() {
        // the documented body is a placeholder, not JSON: the signature holds, then the body is refused as an event
        assertThatThrownBy(() -> webhooksAt(T + 10).verify(bytes(DOCUMENTED_BODY), DOCUMENTED_HEADER))
                .isInstanceOf(InvalidSignatureException.class).hasMessage("the signed body is not a Tink event");
        assertThatThrownBy(() -> webhooksAt(T + 10).verify(bytes(DOCUMENTED_BODY + " "), DOCUMENTED_HEADER))
                .hasMessageContaining("No signatures found matching");
    }

    @Test
    void theTimestampMustBeWithinTheToleranceEitherWay() {
        assertThatThrownBy(() -> webhooksAt(T + 301).verify(bytes(DOCUMENTED_BODY), DOCUMENTED_HEADER))
                .hasMessageContaining("Timestamp outside the tolerance zone");
        assertThatThrownBy(() -> webhooksAt(T - 301).verify(bytes(DOCUMENTED_BODY), DOCUMENTED_HEADER))
                .hasMessageContaining("Timestamp outside the tolerance zone");
    }

    @Test
    void otherKeysAreIgnoredAndAnyV1MaySign() {
        String rotated = "t=1620198421,v0=abc,v1=" + "00".repeat(32)
                + ",v1=3808bca389150582fd78bdb5e3dfcf46f99ff168d37d60cdc13da7c5e49abefb,x=y";
        assertThatThrownBy(() -> webhooksAt(T).verify(bytes(DOCUMENTED_BODY), rotated))
                .hasMessage("the signed body is not a Tink event");
        String event = "{\"event\": \"payment:updated\", \"content\": {\"id\": \"t1\"}}";
        String signed = TinkStub.sign(bytes(event), SECRET, T);
        assertThat(webhooksAt(T).verify(bytes(event), signed).event()).isEqualTo("payment:updated");
        assertThatThrownBy(() -> webhooksAt(T).verify(bytes(event), "t=" + T + ",v1=zz"))
                .hasMessageContaining("No signatures found matching");
    }

    private static TinkWebhooks webhooksAt(long epochSecond) {
        TinkProperties properties = new TinkProperties("client", "secret", SECRET, "https://api.tink.com",
                "https://link.tink.com/1.0/pay/direct", "GB", "en_GB", "GBP", "Store", "040004", "12345678",
                "https://shop.example/return", Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5),
                Duration.ofSeconds(5));
        return new TinkWebhooks(properties, null, null, null, null, new SimpleMeterRegistry(),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
