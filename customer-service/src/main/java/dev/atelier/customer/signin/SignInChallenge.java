package dev.atelier.customer.signin;

import dev.atelier.customer.botcheck.Turnstile;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sign-in page's bot check: once a client address has failed to sign in a few times (the throttle's count for
 * the address, within its memory), the page shows the Turnstile widget and a sign-in from that address needs a token
 * Cloudflare accepts before its password is even checked. Off when Turnstile is not configured.
 */
@Component
public class SignInChallenge {

    private final Turnstile turnstile;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ThrottleProperties throttle;

    SignInChallenge(Turnstile turnstile, JdbcClient jdbc, Clock clock, ThrottleProperties throttle) {
        this.turnstile = turnstile;
        this.jdbc = jdbc;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** Whether a sign-in from {@code ip} must pass the check: the site key for its widget, or nothing. */
    public @Nullable String siteKeyFor(String ip) {
        return needed(ip) ? turnstile.siteKey() : null;
    }

    boolean needed(String ip) {
        if (!turnstile.enabled()) {
            return false;
        }
        int failures = jdbc.sql("SELECT coalesce(max(failures), 0) FROM sign_in_throttle WHERE key = ? AND last_failure >= ?")
                .params(SignInThrottle.ipKey(ip), clock.instant().minus(throttle.ip().forgetAfter()).atOffset(ZoneOffset.UTC))
                .query(Integer.class).single();
        return failures >= turnstile.signInAfterFailures();
    }

    /** Whether this attempt may go on to the password check. */
    boolean passes(SignInRequest request) {
        return !needed(request.ip()) || turnstile.check(request.botToken(), request.ip()).letsThrough();
    }
}
