package dev.atelier.customer.consent;

import dev.atelier.customer.account.Customers;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marketing consent: never given until the customer says so; every change kept with its source and time. A real
 * change (the answer differs from the one in force) is published as MarketingConsentChanged in the same transaction,
 * so the services that send marketing mail follow it; a repeat of the same answer publishes nothing.
 */
@Service
public class Consents {

    /** Source of the withdrawal that an erasure makes. */
    public static final String ERASURE = "erasure";
    /** Sources of the answers given at notification-service: its unsubscribe link, a guest's double opt-in. */
    static final String NOTIFICATION_UNSUBSCRIBE = "notification-unsubscribe";
    static final String NOTIFICATION_DOUBLE_OPT_IN = "notification-double-opt-in";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Consents(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** One change of consent. */
    public record Change(boolean granted, String source, Instant at) {
    }

    public boolean marketing(UUID customerId) {
        return jdbc.sql("SELECT granted FROM marketing_consent WHERE customer_id = ? ORDER BY id DESC LIMIT 1")
                .param(customerId).query(Boolean.class).optional().orElse(false);
    }

    public List<Change> history(UUID customerId) {
        return jdbc.sql("SELECT granted, source, at FROM marketing_consent WHERE customer_id = ? ORDER BY id DESC")
                .param(customerId).query((rs, n) -> new Change(rs.getBoolean(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant())).list();
    }

    /**
     * Records a change; saying the same again adds nothing and publishes nothing. A first explicit "no" is kept in
     * the history (proof of what the customer said) but changes nothing in force, so it is not published either.
     */
    @Transactional
    public void set(UUID customerId, boolean granted, String source) {
        // the account row's lock orders two changes of one customer, so each sees the answer the other left
        String email = jdbc.sql("SELECT email FROM customer WHERE id = ? FOR UPDATE").param(customerId)
                .query(String.class).single();
        apply(customerId, email, granted, source, clock.instant());
    }

    /**
     * An answer given at notification-service without signing in (an unsubscribe link, a guest's double opt-in) for
     * {@code email}: when the address is an account's, it enters the account's history at the time it was given and,
     * if it changes the answer in force, is published like any other change. An answer older than the account's latest
     * is history already overtaken and changes nothing. Returns whether the consent in force changed.
     */
    @Transactional
    public boolean answeredAtNotification(String email, boolean granted, String source, Instant at) {
        record Account(UUID id, String email) {
        }
        Optional<Account> account = jdbc.sql("SELECT id, email FROM customer WHERE email = ? FOR UPDATE")
                .param(Customers.normalise(email)).query((rs, n) -> new Account(rs.getObject(1, UUID.class),
                        rs.getString(2))).optional();
        if (account.isEmpty()) {
            return false;
        }
        Optional<Instant> latest = jdbc.sql("SELECT at FROM marketing_consent WHERE customer_id = ? ORDER BY id DESC "
                        + "LIMIT 1").param(account.get().id())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
        if (latest.isPresent() && latest.get().isAfter(at)) {
            return false;
        }
        return apply(account.get().id(), account.get().email(), granted, source, at);
    }

    // under the account row's lock: the history row, and the event when the answer in force changes
    private boolean apply(UUID customerId, String email, boolean granted, String source, Instant at) {
        boolean inForce = marketing(customerId);
        boolean changes = inForce != granted;
        boolean saidBefore = jdbc.sql("SELECT EXISTS (SELECT 1 FROM marketing_consent WHERE customer_id = ?)")
                .param(customerId).query(Boolean.class).single();
        if (!changes && saidBefore) {
            return false;
        }
        jdbc.sql("INSERT INTO marketing_consent (customer_id, granted, source, at) VALUES (?, ?, ?, ?)")
                .params(customerId, granted, source, at.atOffset(ZoneOffset.UTC)).update();
        if (changes) {
            outbox.record(new MarketingConsentChanged(customerId, email, granted, source, at));
        }
        return changes;
    }
}
