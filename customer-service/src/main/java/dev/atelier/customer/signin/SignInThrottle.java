package dev.atelier.customer.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exponential back-off after failed sign-ins, per account and per client IP. While a key is blocked attempts are
 * refused without checking the password and do not count, so a block never grows by itself; the account block is
 * capped (15 minutes by default), so someone who knows a victim's e-mail cannot keep the victim out for long, and
 * the IP rule slows that someone down much sooner than it slows a shop's shared office connection.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ThrottleProperties properties;

    SignInThrottle(JdbcClient jdbc, Clock clock, ThrottleProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    static String accountKey(String email) {
        return "account:" + email;
    }

    static String ipKey(String ip) {
        return "ip:" + ip;
    }

    /** How long the caller must still wait, if either key is blocked. */
    Optional<Duration> blockedFor(String email, String ip) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT max(blocked_until) FROM sign_in_throttle WHERE key IN (?, ?) AND blocked_until > ?")
                .params(accountKey(email), ipKey(ip), now.atOffset(ZoneOffset.UTC))
                .query(OffsetDateTime.class).optional()
                .map(until -> Duration.between(now, until.toInstant()));
    }

    /** Counts a failure against both keys and sets their blocks. */
    void failed(String email, String ip) {
        count(accountKey(email), properties.account());
        count(ipKey(ip), properties.ip());
    }

    /** A successful sign-in clears the account's failures (not the IP's: one good password says nothing of the others). */
    void succeeded(String email) {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key = ?").param(accountKey(email)).update();
    }

    private void count(String key, ThrottleProperties.Rule rule) {
        Instant now = clock.instant();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int failures = jdbc.sql("""
                INSERT INTO sign_in_throttle (key, failures, last_failure) VALUES (?, 1, ?)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN sign_in_throttle.last_failure < ? THEN 1 ELSE sign_in_throttle.failures + 1 END,
                    last_failure = EXCLUDED.last_failure
                RETURNING failures
                """).params(key, at, now.minus(rule.forgetAfter()).atOffset(ZoneOffset.UTC))
                .query(Integer.class).single();
        Duration block = rule.blockAfter(failures);
        if (!block.isZero()) {
            jdbc.sql("UPDATE sign_in_throttle SET blocked_until = ? WHERE key = ?")
                    .params(now.plus(block).atOffset(ZoneOffset.UTC), key).update();
        }
    }
}
