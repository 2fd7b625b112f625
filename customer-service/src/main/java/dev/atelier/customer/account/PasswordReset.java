package dev.atelier.customer.account;

import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgotten passwords: a link with a random token, kept as its SHA-256, usable once within 30 minutes. Asking for
 * a link answers the same whether or not the address has an account. A new password ends every session and
 * refresh token the account had, so a thief holding one is out too.
 */
@Service
public class PasswordReset {

    private final Customers customers;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountProperties properties;

    PasswordReset(Customers customers, PasswordEncoder passwords, PasswordPolicy policy, Outbox outbox, JdbcClient jdbc,
            Clock clock, AccountProperties properties) {
        this.customers = customers;
        this.passwords = passwords;
        this.policy = policy;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    public void requestLink(String email) {
        customers.byEmail(email).filter(c -> c.status() == AccountStatus.ACTIVE).ifPresent(customer -> {
            String token = Hashes.urlToken();
            Instant expiresAt = clock.instant().plus(properties.passwordResetTtl());
            jdbc.sql("INSERT INTO password_reset (token_hash, customer_id, expires_at) VALUES (?, ?, ?)")
                    .params(Hashes.sha256(token), customer.id(), expiresAt.atOffset(ZoneOffset.UTC)).update();
            outbox.record(new PasswordResetRequested(customer.id(), customer.email(),
                    properties.publicUrl() + "/password/reset/confirm?token=" + token, expiresAt));
        });
    }

    /** Whether the token would still work (the form is only shown for one that does). */
    public boolean isUsable(String token) {
        return customerOf(token, false).isPresent();
    }

    /** The outcome of choosing a new password. */
    public sealed interface Outcome {
        record Changed() implements Outcome {
        }

        record Refused(String message) implements Outcome {
        }

        record LinkUnusable() implements Outcome {
        }
    }

    @Transactional
    public Outcome reset(String token, String newPassword) {
        Optional<String> problem = policy.problemWith(newPassword);
        if (problem.isPresent()) {
            return customerOf(token, false).isPresent() ? new Outcome.Refused(problem.get()) : new Outcome.LinkUnusable();
        }
        Optional<UUID> customer = customerOf(token, true);
        if (customer.isEmpty()) {
            return new Outcome.LinkUnusable();
        }
        jdbc.sql("UPDATE password_reset SET used_at = now() WHERE token_hash = ?").param(Hashes.sha256(token)).update();
        customers.changePasswordHash(customer.get(), passwords.encode(newPassword));
        // the authorization server's stored sessions and refresh tokens of this account end here
        jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(customer.get().toString()).update();
        return new Outcome.Changed();
    }

    private Optional<UUID> customerOf(String token, boolean lock) {
        return jdbc.sql("SELECT customer_id FROM password_reset WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"
                        + (lock ? " FOR UPDATE" : ""))
                .params(Hashes.sha256(token), clock.instant().atOffset(ZoneOffset.UTC))
                .query(UUID.class).optional();
    }
}
