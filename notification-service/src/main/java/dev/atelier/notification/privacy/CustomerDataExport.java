package dev.atelier.notification.privacy;

import dev.atelier.events.EventJson;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.messaging.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * notification-service's part of a customer's data export: every e-mail of the log sent (or meant) to them, by
 * customer id and, for guest mail, by address (what it was about, when, what became of it; not the bodies, which
 * repeat what order-service exports), their marketing consent, a pending or confirmed subscription and whether the
 * address is suppressed after a hard bounce. Sent as {@link CustomerDataPartReady} through the outbox, newest
 * e-mails first, trimmed to the contract's 512 KiB (the part says how many were left out).
 */
@Service
class CustomerDataExport {

    static final String SERVICE = "notification-service";
    private static final int MOST_EMAILS = 2000;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CustomerDataExport(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public void answer(CustomerDataExportRequested request) {
        String address = request.email().trim().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> emails = jdbc.sql("""
                        SELECT recipient, template, category, subject, status, attempts, last_error, order_id,
                               created_at, sent_at
                        FROM email WHERE customer_id = :customerId OR lower(recipient) = :address
                        ORDER BY id DESC LIMIT :limit""")
                .param("customerId", request.customerId()).param("address", address).param("limit", MOST_EMAILS + 1)
                .query(CustomerDataExport::email).list();
        boolean trimmed = emails.size() > MOST_EMAILS;
        if (trimmed) {
            emails = emails.subList(0, MOST_EMAILS);
        }
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("service", SERVICE);
        part.put("about", "The e-mails we sent you or meant to send you, and what you told us about marketing e-mail.");
        part.put("emailAddress", address);
        part.put("marketingConsent", consent(request, address).orElse(null));
        part.put("subscriptionRequest", subscription(address).orElse(null));
        part.put("suppressedAfterBounce", suppression(address).orElse(null));
        String json = write(part, emails, trimmed);
        while (json.getBytes(StandardCharsets.UTF_8).length > CustomerDataPartReady.MAX_PART_BYTES && !emails.isEmpty()) {
            emails = emails.subList(0, emails.size() / 2);
            json = write(part, emails, true);
        }
        outbox.record(new CustomerDataPartReady(request.requestId(), request.customerId(), SERVICE, json,
                clock.instant()));
    }

    private static String write(Map<String, Object> part, List<Map<String, Object>> emails, boolean trimmed) {
        Map<String, Object> whole = new LinkedHashMap<>(part);
        whole.put("emails", emails);
        if (trimmed) {
            whole.put("emailsNote", "Only the " + emails.size() + " newest e-mails are listed here; ask us for the "
                    + "older ones.");
        }
        return EventJson.mapper().writeValueAsString(whole);
    }

    private Optional<Map<String, Object>> consent(CustomerDataExportRequested request, String address) {
        return jdbc.sql("""
                        SELECT address, granted, source, changed_at FROM marketing_consent
                        WHERE address = :address OR customer_id = :customerId ORDER BY changed_at DESC LIMIT 1""")
                .param("address", address).param("customerId", request.customerId())
                .query((rs, row) -> {
                    Map<String, Object> consent = new LinkedHashMap<>();
                    consent.put("emailAddress", rs.getString("address"));
                    consent.put("marketingEmailAllowed", rs.getBoolean("granted"));
                    consent.put("howYouToldUs", rs.getString("source"));
                    consent.put("when", instant(rs, "changed_at"));
                    return consent;
                }).optional();
    }

    private Optional<Map<String, Object>> subscription(String address) {
        return jdbc.sql("""
                        SELECT first_asked_at, last_sent_at, confirmations_sent, confirmed_at FROM subscription_request
                        WHERE address = :address""")
                .param("address", address)
                .query((rs, row) -> {
                    Map<String, Object> subscription = new LinkedHashMap<>();
                    subscription.put("firstAskedAt", instant(rs, "first_asked_at"));
                    subscription.put("lastConfirmationEmailAt", instant(rs, "last_sent_at"));
                    subscription.put("confirmationEmailsSent", rs.getInt("confirmations_sent"));
                    subscription.put("confirmedAt", instant(rs, "confirmed_at"));
                    return subscription;
                }).optional();
    }

    private Optional<Map<String, Object>> suppression(String address) {
        return jdbc.sql("SELECT reason, created_at FROM suppression WHERE address = :address")
                .param("address", address)
                .query((rs, row) -> {
                    Map<String, Object> suppression = new LinkedHashMap<>();
                    suppression.put("why", rs.getString("reason"));
                    suppression.put("since", instant(rs, "created_at"));
                    return suppression;
                }).optional();
    }

    private static Map<String, Object> email(ResultSet rs, int row) throws SQLException {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("sentTo", rs.getString("recipient"));
        email.put("kind", rs.getString("template"));
        email.put("transactionalOrMarketing", rs.getString("category").toLowerCase(Locale.ROOT));
        email.put("subject", rs.getString("subject"));
        email.put("status", rs.getString("status").toLowerCase(Locale.ROOT));
        email.put("deliveryAttempts", rs.getInt("attempts"));
        email.put("lastProblem", rs.getString("last_error"));
        Object orderId = rs.getObject("order_id");
        email.put("aboutOrder", orderId == null ? null : orderId.toString());
        email.put("createdAt", instant(rs, "created_at"));
        email.put("sentAt", instant(rs, "sent_at"));
        return email;
    }

    private static @Nullable String instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant().toString();
    }
}
