package dev.atelier.notification.consent;

import dev.atelier.notification.email.Suppressions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent read model: per address, the latest answer to "may we send you marketing e-mail?", from
 * customer-service's MarketingConsentChanged, a guest's confirmed double opt-in, or a one-click unsubscribe. The
 * answer with the latest {@code changedAt} wins, so events arriving out of order do not undo a newer answer. A
 * withdrawal stops the marketing e-mails still queued for the address. Plain JDBC: each change is one guarded upsert.
 */
@Service
public class Consents {

    /** customer-service's sources are its own; these are the ones this service records. */
    public static final String DOUBLE_OPT_IN = "double-opt-in";
    public static final String ONE_CLICK_UNSUBSCRIBE = "one-click-unsubscribe";

    private final JdbcClient jdbc;
    private final Suppressions suppressions;

    Consents(JdbcClient jdbc, Suppressions suppressions) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
    }

    /**
     * Records an answer unless a newer one is already known (then nothing changes and it returns false). A
     * withdrawal also stops the queued marketing mail to the address.
     */
    @Transactional
    public boolean record(String address, boolean granted, String source, @Nullable UUID customerId,
            Instant changedAt) {
        String normalised = Suppressions.normalise(address);
        boolean applied = jdbc.sql("""
                        INSERT INTO marketing_consent (address, granted, source, customer_id, changed_at)
                        VALUES (:address, :granted, :source, :customerId, :changedAt)
                        ON CONFLICT (address) DO UPDATE
                           SET granted = EXCLUDED.granted, source = EXCLUDED.source, changed_at = EXCLUDED.changed_at,
                               customer_id = COALESCE(EXCLUDED.customer_id, marketing_consent.customer_id),
                               updated_at = now()
                         WHERE marketing_consent.changed_at <= EXCLUDED.changed_at""")
                .param("address", normalised).param("granted", granted).param("source", source)
                .param("customerId", customerId).param("changedAt", Timestamp.from(changedAt))
                .update() == 1;
        if (applied && !granted) {
            suppressions.stopQueuedMarketing(normalised);
        }
        return applied;
    }

    @Transactional(readOnly = true)
    public Optional<Consent> of(String address) {
        return jdbc.sql("SELECT address, granted, source, customer_id, changed_at FROM marketing_consent "
                        + "WHERE address = :address")
                .param("address", Suppressions.normalise(address))
                .query((rs, row) -> new Consent(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** Whether marketing mail may go to the address now: consent granted and no hard bounce. */
    @Transactional(readOnly = true)
    public boolean mayReceiveMarketing(String address) {
        return of(address).map(Consent::granted).orElse(false) && !suppressions.isSuppressed(address);
    }
}
