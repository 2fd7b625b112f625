package dev.atelier.notification.email;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may receive marketing mail, as the e-mail log applies it: an address needs a granted consent (kept by the
 * consent feature in {@code marketing_consent}) and must not have hard-bounced ({@code suppression}). When either
 * changes, the marketing e-mails still queued for the address are stopped here; transactional mail is not affected.
 */
@Service
public class Suppressions {

    private final JdbcClient jdbc;
    private final Emails emails;

    Suppressions(JdbcClient jdbc, Emails emails) {
        this.jdbc = jdbc;
        this.emails = emails;
    }

    /** The address hard-bounced (idempotent): no more marketing mail; returns how many queued ones are stopped. */
    @Transactional
    public int suppressHardBounced(String address, String diagnostic) {
        String normalised = normalise(address);
        jdbc.sql("""
                        INSERT INTO suppression (address, reason) VALUES (:address, :reason)
                        ON CONFLICT (address) DO UPDATE SET reason = EXCLUDED.reason""")
                .param("address", normalised).param("reason", "hard bounce: " + diagnostic).update();
        return emails.suppressQueuedMarketing(normalised);
    }

    /** After a consent change: stops the queued marketing mail the address may no longer receive. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int stopQueuedMarketing(String address) {
        return emails.suppressQueuedMarketing(normalise(address));
    }

    @Transactional(readOnly = true)
    public boolean isSuppressed(String address) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppression WHERE address = :address)")
                .param("address", normalise(address)).query(Boolean.class).single();
    }

    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
