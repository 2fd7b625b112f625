package dev.atelier.customer.consent;

import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
        boolean inForce = marketing(customerId);
        boolean changes = inForce != granted;
        boolean saidBefore = jdbc.sql("SELECT EXISTS (SELECT 1 FROM marketing_consent WHERE customer_id = ?)")
                .param(customerId).query(Boolean.class).single();
        if (!changes && saidBefore) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO marketing_consent (customer_id, granted, source, at) VALUES (?, ?, ?, ?)")
                .params(customerId, granted, source, now.atOffset(ZoneOffset.UTC)).update();
        if (changes) {
            outbox.record(new MarketingConsentChanged(customerId, email, granted, source, now));
        }
    }
}
