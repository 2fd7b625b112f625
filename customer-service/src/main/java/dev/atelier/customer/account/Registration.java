package dev.atelier.customer.account;

import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up: a pending account and a six-digit code sent by e-mail (CustomerVerificationRequested); the right code
 * activates it (CustomerRegistered). Signing up with an address that already has an active account changes nothing
 * and says the same as a new sign-up, so the page does not tell who has an account.
 */
@Service
public class Registration {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final int MAX_NAME = 100;

    private final Customers customers;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountProperties properties;

    Registration(Customers customers, PasswordEncoder passwords, PasswordPolicy policy, Outbox outbox, JdbcClient jdbc,
            Clock clock, AccountProperties properties) {
        this.customers = customers;
        this.passwords = passwords;
        this.policy = policy;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A field the form must show an error beside. */
    public record FieldError(String field, String message) {
    }

    /** Checks a sign-up form; empty when it can go ahead. */
    public List<FieldError> problemsWith(String email, String displayName, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (displayName.isBlank() || displayName.strip().length() > MAX_NAME) {
            errors.add(new FieldError("displayName", "Enter your name (up to " + MAX_NAME + " characters)."));
        }
        if (email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            errors.add(new FieldError("email", "Enter an e-mail address like name@example.co.uk."));
        }
        policy.problemWith(password).ifPresent(message -> errors.add(new FieldError("password", message)));
        return errors;
    }

    /** Starts a sign-up; the caller has checked {@link #problemsWith}. */
    @Transactional
    public void signUp(String email, String displayName, String password) {
        if (!problemsWith(email, displayName, password).isEmpty()) {
            throw new IllegalArgumentException("sign-up details not acceptable");
        }
        String hash = passwords.encode(password);
        Optional<Customer> existing = customers.byEmail(email);
        UUID id;
        if (existing.isEmpty()) {
            id = UUID.randomUUID();
            customers.insert(new Customer(id, email, displayName.strip(), hash, AccountStatus.PENDING_VERIFICATION,
                    Set.of(Role.CUSTOMER), null, null, clock.instant()));
        } else if (existing.get().status() == AccountStatus.PENDING_VERIFICATION) {
            id = existing.get().id();
            customers.replacePending(id, displayName.strip(), hash);
        } else {
            return;
        }
        sendCode(id, Customers.normalise(email), displayName.strip());
    }

    /** Sends a new code to a pending account (the old one stops working); nothing for other addresses. */
    @Transactional
    public void resendCode(String email) {
        customers.byEmail(email).filter(c -> c.status() == AccountStatus.PENDING_VERIFICATION)
                .ifPresent(c -> sendCode(c.id(), c.email(), c.displayName()));
    }

    private void sendCode(UUID id, String email, String displayName) {
        String code = Hashes.sixDigits();
        Instant expiresAt = clock.instant().plus(properties.verificationCodeTtl());
        jdbc.sql("""
                INSERT INTO email_verification (customer_id, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)
                ON CONFLICT (customer_id) DO UPDATE SET code_hash = EXCLUDED.code_hash,
                    expires_at = EXCLUDED.expires_at, attempts = 0
                """).params(id, Hashes.sha256(id + ":" + code), expiresAt.atOffset(ZoneOffset.UTC)).update();
        outbox.record(new CustomerVerificationRequested(id, email, displayName, code, expiresAt));
    }

    /** The outcome of entering a verification code. */
    public enum Verification { VERIFIED, WRONG_CODE, EXPIRED, TOO_MANY_ATTEMPTS }

    @Transactional
    public Verification verify(String email, String code) {
        Optional<Customer> pending = customers.byEmail(email)
                .filter(c -> c.status() == AccountStatus.PENDING_VERIFICATION);
        if (pending.isEmpty()) {
            return Verification.WRONG_CODE;
        }
        UUID id = pending.get().id();
        record Pending(String codeHash, Instant expiresAt, int attempts) {
        }
        Optional<Pending> row = jdbc.sql("SELECT code_hash, expires_at, attempts FROM email_verification "
                        + "WHERE customer_id = ? FOR UPDATE").param(id)
                .query((rs, n) -> new Pending(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getInt(3))).optional();
        if (row.isEmpty()) {
            return Verification.EXPIRED;
        }
        if (row.get().attempts() >= properties.verificationAttempts()) {
            return Verification.TOO_MANY_ATTEMPTS;
        }
        if (row.get().expiresAt().isBefore(clock.instant())) {
            return Verification.EXPIRED;
        }
        if (!Hashes.sameHash(row.get().codeHash(), id + ":" + code.strip())) {
            jdbc.sql("UPDATE email_verification SET attempts = attempts + 1 WHERE customer_id = ?").param(id).update();
            return row.get().attempts() + 1 >= properties.verificationAttempts()
                    ? Verification.TOO_MANY_ATTEMPTS : Verification.WRONG_CODE;
        }
        jdbc.sql("DELETE FROM email_verification WHERE customer_id = ?").param(id).update();
        customers.activate(id);
        outbox.record(new CustomerRegistered(id, pending.get().email(), pending.get().displayName(), clock.instant()));
        return Verification.VERIFIED;
    }
}
