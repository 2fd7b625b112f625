package dev.atelier.notification.email;

import dev.atelier.events.EventJson;
import dev.atelier.messaging.outbox.EventIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * The {@code email} table. Plain JDBC, because each step of an e-mail's life is one guarded statement: the insert
 * that does nothing for a cause already mailed, the claim that skips rows another sender holds, the status
 * changes that only apply to a row still in the state the caller saw.
 */
@Repository
class Emails {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    static final String COLUMNS = "id, template, cause_key, category, recipient, subject, status, attempts, retry_base, "
            + "interrupted_sends, next_attempt_at, last_error, provider_message_id, order_id, cart_id, customer_id, "
            + "event_id, created_at, updated_at, sent_at";

    // built once: the reasons marketing mail is held back, per row of the sweep and for the insert
    private static final String MARKETING_BLOCKED_BY_RECIPIENT = marketingBlockedReason("lower(e.recipient)");

    private static final String INSERT = """
            INSERT INTO email (id, template, cause_key, category, recipient, subject, html_body, text_body,
                               headers, status, next_attempt_at, last_error, order_id, cart_id, customer_id,
                               event_id)
            SELECT :id, :template, :cause, :category, :recipient, :subject, :html, :text,
                   CAST(:headers AS jsonb), CASE WHEN d.reason IS NULL THEN 'QUEUED' ELSE 'SUPPRESSED' END,
                   CASE WHEN d.reason IS NULL THEN now() END, d.reason,
                   :orderId, :cartId, :customerId, :eventId
            FROM (SELECT CASE WHEN :category = 'MARKETING' THEN %s END AS reason) d
            ON CONFLICT (template, cause_key) DO NOTHING
            RETURNING status""".formatted(marketingBlockedReason("lower(:recipient)"));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Emails(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Why marketing mail to {@code address} (lower-cased, in SQL) must not go, or NULL when it may: a hard bounce,
     * a withdrawn consent, or no consent at all. Shared by the insert and the housekeeping sweep.
     */
    private static String marketingBlockedReason(String address) {
        return """
                CASE WHEN EXISTS (SELECT 1 FROM suppression s WHERE s.address = %1$s)
                     THEN 'suppressed: the address hard-bounced'
                     ELSE NULLIF(COALESCE((SELECT CASE WHEN c.granted THEN ''
                                                       ELSE 'suppressed: the address withdrew marketing consent ('
                                                            || c.source || ')' END
                                           FROM marketing_consent c WHERE c.address = %1$s),
                                          'suppressed: no marketing consent for the address'), '')
                END""".formatted(address);
    }

    /**
     * Queues the e-mail unless its cause was already mailed; marketing mail to an address without consent (or that
     * hard-bounced) is logged as SUPPRESSED with the reason, and never sent.
     */
    Optional<EmailStatus> insert(OutgoingEmail email) {
        return jdbc.sql(INSERT)
                .param("id", EventIds.next())
                .param("template", email.template())
                .param("cause", email.causeKey())
                .param("category", email.category().name())
                .param("recipient", email.recipient().trim())
                .param("subject", email.subject())
                .param("html", email.htmlBody())
                .param("text", email.textBody())
                .param("headers", EventJson.mapper().writeValueAsString(email.headers()))
                .param("orderId", email.orderId())
                .param("cartId", email.cartId())
                .param("customerId", email.customerId())
                .param("eventId", email.eventId())
                .query((rs, row) -> EmailStatus.valueOf(rs.getString(1)))
                .optional();
    }

    boolean exists(String template, String causeKey) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM email WHERE template = :template AND cause_key = :cause)")
                .param("template", template).param("cause", causeKey).query(Boolean.class).single();
    }

    boolean existsForOrder(String template, UUID orderId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM email WHERE order_id = :orderId AND template = :template)")
                .param("template", template).param("orderId", orderId).query(Boolean.class).single();
    }

    /**
     * Gives back the claims of senders that died between claiming and recording the outcome: such an e-mail may
     * have reached the SMTP server, so it is sent again once (with the same Message-ID) and the log counts it.
     */
    int releaseExpiredClaims() {
        return jdbc.sql("""
                        UPDATE email SET status = 'QUEUED', next_attempt_at = now(), claimed_until = NULL,
                               interrupted_sends = interrupted_sends + 1, updated_at = now(),
                               last_error = 'the sender stopped after handing it to SMTP: it may have been delivered'
                        WHERE status = 'SENDING' AND claimed_until < now()""")
                .update();
    }

    /**
     * Marketing mail still queued for an address that may no longer receive it (consent withdrawn, hard bounce):
     * SUPPRESSED with the reason, never sent. For one address, or for every address when {@code address} is null.
     */
    int suppressQueuedMarketing(@Nullable String address) {
        return jdbc.sql("""
                        UPDATE email SET status = 'SUPPRESSED', next_attempt_at = NULL, updated_at = now(),
                               last_error = b.reason
                        FROM (SELECT e.id, %s AS reason FROM email e
                              WHERE e.status = 'QUEUED' AND e.category = 'MARKETING'
                                AND (CAST(:address AS text) IS NULL OR lower(e.recipient) = :address)) b
                        WHERE email.id = b.id AND b.reason IS NOT NULL AND email.status = 'QUEUED'"""
                        .formatted(MARKETING_BLOCKED_BY_RECIPIENT))
                .param("address", address)
                .update();
    }

    /** Takes up to {@code limit} due e-mails for this sender: SENDING, one more attempt, leased for {@code lease}. */
    List<Claimed> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                        UPDATE email e SET status = 'SENDING', attempts = attempts + 1, updated_at = now(),
                               claimed_until = now() + make_interval(secs => :lease)
                        WHERE e.id IN (SELECT id FROM email WHERE status = 'QUEUED' AND next_attempt_at <= now()
                                       ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING e.id, e.template, e.recipient, e.subject, e.html_body, e.text_body, e.headers::text,
                                  e.attempts, e.retry_base, e.order_id, e.cart_id, e.customer_id""")
                .param("lease", lease.toMillis() / 1000.0)
                .param("limit", limit)
                .query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("template"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("html_body"),
                        rs.getString("text_body"), EventJson.mapper().readValue(rs.getString("headers"), HEADERS),
                        rs.getInt("attempts"), rs.getInt("retry_base"), rs.getObject("order_id", UUID.class),
                        rs.getObject("cart_id", UUID.class), rs.getObject("customer_id", UUID.class)))
                .list();
    }

    void markSent(List<Sent> sent) {
        template.batchUpdate("""
                        UPDATE email SET status = 'SENT', provider_message_id = ?, sent_at = ?, claimed_until = NULL,
                               next_attempt_at = NULL, updated_at = now()
                        WHERE id = ? AND status = 'SENDING'""", sent, sent.size(), (ps, s) -> {
                    ps.setString(1, s.providerMessageId());
                    ps.setTimestamp(2, Timestamp.from(s.sentAt()));
                    ps.setObject(3, s.email().id());
                });
    }

    void markForRetry(UUID id, String error, Duration delay) {
        jdbc.sql("""
                        UPDATE email SET status = 'QUEUED', last_error = :error, claimed_until = NULL, updated_at = now(),
                               next_attempt_at = now() + make_interval(secs => :delay)
                        WHERE id = :id AND status = 'SENDING'""")
                .param("error", error).param("delay", delay.toMillis() / 1000.0).param("id", id)
                .update();
    }

    void markFailed(UUID id, String error) {
        jdbc.sql("""
                        UPDATE email SET status = 'FAILED', last_error = :error, claimed_until = NULL,
                               next_attempt_at = NULL, updated_at = now()
                        WHERE id = :id AND status = 'SENDING'""")
                .param("error", error).param("id", id)
                .update();
    }

    /** Puts a FAILED or BOUNCED e-mail back in the queue for a new round of attempts; empty when it is not one. */
    Optional<UUID> requeue(UUID id) {
        return jdbc.sql("""
                        UPDATE email SET status = 'QUEUED', retry_base = attempts, next_attempt_at = now(),
                               updated_at = now()
                        WHERE id = :id AND status IN ('FAILED', 'BOUNCED')
                        RETURNING id""")
                .param("id", id)
                .query(UUID.class)
                .optional();
    }

    Optional<EmailEntry> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM email WHERE id = :id").param("id", id)
                .query(Emails::entry).optional();
    }

    Optional<EmailContent> content(UUID id) {
        return jdbc.sql("SELECT html_body, text_body, headers::text FROM email WHERE id = :id").param("id", id)
                .query((rs, row) -> new EmailContent(rs.getString(1), rs.getString(2),
                        EventJson.mapper().readValue(rs.getString(3), HEADERS)))
                .optional();
    }

    /** Newest first, after the id {@code before} when given; filters are optional. */
    List<EmailEntry> page(EmailFilter filter, @Nullable UUID before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM email WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.template() != null) {
            sql.append(" AND template = :template");
            params.put("template", filter.template());
        }
        if (filter.recipient() != null) {
            sql.append(" AND lower(recipient) = lower(:recipient)");
            params.put("recipient", filter.recipient().trim());
        }
        if (filter.orderId() != null) {
            sql.append(" AND order_id = :orderId");
            params.put("orderId", filter.orderId());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (before != null) {
            sql.append(" AND id < :before");
            params.put("before", before);
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Emails::entry).list();
    }

    private static EmailEntry entry(ResultSet rs, int row) throws SQLException {
        return new EmailEntry(rs.getObject("id", UUID.class), rs.getString("template"), rs.getString("cause_key"),
                Category.valueOf(rs.getString("category")), rs.getString("recipient"), rs.getString("subject"),
                EmailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("interrupted_sends"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), rs.getString("provider_message_id"),
                rs.getObject("order_id", UUID.class), rs.getObject("cart_id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getObject("event_id", UUID.class),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "sent_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** An e-mail this sender claimed: what it needs to build the message and to report the outcome. */
    record Claimed(UUID id, String template, String recipient, String subject, String html, String text,
            Map<String, String> headers, int attempts, int retryBase, @Nullable UUID orderId, @Nullable UUID cartId,
            @Nullable UUID customerId) {

        int attemptsThisRound() {
            return attempts - retryBase;
        }
    }

    /** An e-mail the SMTP server accepted. */
    record Sent(Claimed email, String providerMessageId, Instant sentAt) {
    }
}
