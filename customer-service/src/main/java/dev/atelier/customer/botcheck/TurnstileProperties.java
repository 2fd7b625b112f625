package dev.atelier.customer.botcheck;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.turnstile.*}: Cloudflare Turnstile on the sign-up page (always) and on the sign-in page (once a
 * client address has failed to sign in {@code signInAfterFailures} times). Off unless both keys are set.
 *
 * @param siteKey the public key the pages' widget uses
 * @param secret the secret a token is verified with
 * @param verifyUrl Cloudflare's siteverify endpoint (a stand-in in tests)
 * @param timeout how long to wait for it; past that the check is skipped (logged) rather than locking everyone out
 * @param signInAfterFailures failed sign-ins from one address (within the sign-in throttle's memory) before the
 *        sign-in page asks for the check
 */
@ConfigurationProperties("atelier.turnstile")
public record TurnstileProperties(
        @Nullable String siteKey,
        @Nullable String secret,
        @DefaultValue("https://challenges.cloudflare.com/turnstile/v0/siteverify") URI verifyUrl,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("3") int signInAfterFailures) {

    public boolean enabled() {
        return siteKey != null && !siteKey.isBlank() && secret != null && !secret.isBlank();
    }
}
