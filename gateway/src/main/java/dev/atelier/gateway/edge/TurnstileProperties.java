package dev.atelier.gateway.edge;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.gateway.turnstile.*}: Cloudflare Turnstile on guest checkout. Off unless both keys are set (off
 * locally and in tests); the verification endpoint is configurable so that tests run the real client against a
 * stand-in.
 *
 * @param siteKey the public key the page's widget uses
 * @param secret the secret the gateway verifies a token with
 * @param verifyUrl Cloudflare's siteverify endpoint
 * @param timeout how long to wait for it; past that the check is skipped (logged) rather than losing a sale
 */
@ConfigurationProperties("atelier.gateway.turnstile")
public record TurnstileProperties(
        @Nullable String siteKey,
        @Nullable String secret,
        @DefaultValue("https://challenges.cloudflare.com/turnstile/v0/siteverify") URI verifyUrl,
        @DefaultValue("3s") Duration timeout) {

    public boolean enabled() {
        return siteKey != null && !siteKey.isBlank() && secret != null && !secret.isBlank();
    }
}
