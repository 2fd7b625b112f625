package dev.atelier.notification.email;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Addresses that must not receive marketing mail. Suppressing one also stops every marketing e-mail still queued
 * for it (a recovery sequence in progress); transactional mail is not affected.
 */
@Service
public class Suppressions {

    private final JdbcClient jdbc;
    private final Emails emails;

    Suppressions(JdbcClient jdbc, Emails emails) {
        this.jdbc = jdbc;
        this.emails = emails;
    }

    /** Suppresses the address (idempotent); returns how many queued marketing e-mails will not be sent. */
    @Transactional
    public int suppress(String address, String reason) {
        String normalised = normalise(address);
        jdbc.sql("INSERT INTO suppression (address, reason) VALUES (:address, :reason) ON CONFLICT DO NOTHING")
                .param("address", normalised).param("reason", reason).update();
        return emails.suppressQueuedMarketing(normalised);
    }

    @Transactional(readOnly = true)
    public boolean isSuppressed(String address) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppression WHERE address = :address)")
                .param("address", normalise(address)).query(Boolean.class).single();
    }

    static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
