package dev.atelier.payment.sandbox;

import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Signs the sandbox's webhooks with Stripe's scheme ({@code t=…,v1=HMAC-SHA256}), so they pass the same check. */
@Component
class SandboxSigning {

    private final String secret;
    private final Clock clock = Clock.systemUTC();

    SandboxSigning(SandboxProperties properties) {
        String configured = properties.webhookSecret();
        this.secret = configured == null || configured.isBlank()
                ? "whsec_sandbox_" + SandboxSessions.randomId(32)
                : configured;
    }

    String secret() {
        return secret;
    }

    String signatureHeader(String payload) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, clock.instant().getEpochSecond());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a sandbox webhook", e);
        }
    }
}
