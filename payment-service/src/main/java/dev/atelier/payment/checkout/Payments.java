package dev.atelier.payment.checkout;

import dev.atelier.events.Money;
import dev.atelier.payment.provider.SessionRequest.SessionLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment table through plain JDBC: each state change is one guarded statement on a row the caller locked first
 * ({@link #lock}), so that concurrent webhooks, jobs and events for one payment apply one after the other.
 */
@Repository
public class Payments {

    private static final String COLUMNS = "p.*";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A line of a payment's history, written with the change it explains. */
    record Entry(String kind, @Nullable String detail) {
    }

    /**
     * Inserts a PENDING payment and the first lines of its history, in ONE statement, and returns the row as
     * written; empty, with nothing written, when the order has a payment already. The row is the caller's until it
     * commits (no other transaction sees it), so it needs no lock to be read back.
     */
    Optional<Payment> insertPending(UUID id, UUID orderId, String orderNumber, String method, String provider,
            Money amount, long giftCardAmount, String customerEmail, String successUrl, String cancelUrl,
            List<SessionLine> lines, String idempotencyKey, Instant expiresAt, List<Entry> history) {
        return jdbc.sql("""
                WITH inserted AS (
                    INSERT INTO payment (id, order_id, order_number, method, provider, amount, gift_card_amount,
                                         currency, customer_email, success_url, cancel_url, line_items, status,
                                         idempotency_key, expires_at)
                    VALUES (:id, :orderId, :orderNumber, :method, :provider, :amount, :giftCard, :currency, :email,
                            :successUrl, :cancelUrl, CAST(:lines AS jsonb), 'PENDING', :key, :expiresAt)
                    ON CONFLICT (order_id) DO NOTHING
                    RETURNING *),
                history AS (
                    INSERT INTO payment_record (payment_id, kind, detail)
                    SELECT inserted.id, entry.kind, entry.detail
                    FROM inserted, unnest(CAST(:kinds AS text[]), CAST(:details AS text[])) WITH ORDINALITY
                        AS entry (kind, detail, position)
                    ORDER BY entry.position)
                SELECT * FROM inserted p""")
                .param("id", id).param("orderId", orderId).param("orderNumber", orderNumber).param("method", method)
                .param("provider", provider).param("amount", amount.minor()).param("giftCard", giftCardAmount)
                .param("currency", amount.currency().getCurrencyCode()).param("email", customerEmail)
                .param("successUrl", successUrl).param("cancelUrl", cancelUrl).param("lines", JSON.writeValueAsString(lines))
                .param("key", idempotencyKey).param("expiresAt", Timestamp.from(expiresAt))
                .param("kinds", history.stream().map(Entry::kind).toArray(String[]::new))
                .param("details", history.stream().map(Entry::detail).toArray(String[]::new))
                .query(Payments::map).optional();
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment p WHERE id = ?").param(id).query(Payments::map).optional();
    }

    public Optional<Payment> findByOrder(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment p WHERE order_id = ?").param(orderId).query(Payments::map)
                .optional();
    }

    public Optional<Payment> findBySession(String sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment p WHERE session_id = ?").param(sessionId)
                .query(Payments::map).optional();
    }

    public Optional<Payment> findByReference(String providerReference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment p WHERE provider_reference = ?").param(providerReference)
                .query(Payments::map).optional();
    }

    /** Locks the payment's row for the caller's transaction and reads it. */
    Optional<Payment> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment p WHERE id = ? FOR UPDATE").param(id).query(Payments::map)
                .optional();
    }

    Optional<Payment> lockByOrder(UUID orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment p WHERE order_id = ? FOR UPDATE").param(orderId)
                .query(Payments::map).optional();
    }

    /** Opens a PENDING payment's session and writes SESSION_OPENED in its history, in ONE statement. */
    void markOpen(UUID id, String sessionId, String redirectUrl, Instant expiresAt) {
        jdbc.sql("""
                WITH opened AS (
                    UPDATE payment SET status = 'OPEN', session_id = :session, redirect_url = :redirect,
                                       expires_at = :expiresAt, updated_at = now()
                     WHERE id = :id AND status = 'PENDING'
                    RETURNING id)
                INSERT INTO payment_record (payment_id, kind, detail) SELECT id, 'SESSION_OPENED', :session FROM opened""")
                .param("session", sessionId).param("redirect", redirectUrl)
                .param("expiresAt", Timestamp.from(expiresAt)).param("id", id).update();
    }

    void setSession(UUID id, String sessionId) {
        jdbc.sql("UPDATE payment SET session_id = coalesce(session_id, ?), updated_at = now() WHERE id = ?")
                .params(sessionId, id).update();
    }

    void countOpenAttempt(UUID id) {
        jdbc.sql("UPDATE payment SET open_attempts = open_attempts + 1, updated_at = now() WHERE id = ?").param(id)
                .update();
    }

    void changeStatus(UUID id, PaymentStatus status, @Nullable String failureReason) {
        jdbc.sql("UPDATE payment SET status = ?, failure_reason = coalesce(?, failure_reason), updated_at = now() WHERE id = ?")
                .params(status.name(), failureReason, id).update();
    }

    /** Records the money taken (or mismatched) and the line of history that says so, in ONE statement. */
    void markPaid(UUID id, PaymentStatus status, long paidAmount, String paidCurrency, @Nullable String reference,
            Entry entry, @Nullable String providerEventId) {
        jdbc.sql("""
                WITH entry AS (
                    INSERT INTO payment_record (payment_id, kind, detail, provider_event_id)
                    VALUES (:id, :kind, :detail, :eventId))
                UPDATE payment SET status = :status, paid_amount = :paid, paid_currency = :currency,
                                   provider_reference = coalesce(:reference, provider_reference), updated_at = now()
                 WHERE id = :id""")
                .param("id", id).param("kind", entry.kind()).param("detail", entry.detail())
                .param("eventId", providerEventId).param("status", status.name()).param("paid", paidAmount)
                .param("currency", paidCurrency).param("reference", reference).update();
    }

    void setReference(UUID id, String reference) {
        jdbc.sql("UPDATE payment SET provider_reference = coalesce(provider_reference, ?), updated_at = now() WHERE id = ?")
                .params(reference, id).update();
    }

    void markOrderCancelled(UUID id) {
        jdbc.sql("UPDATE payment SET order_cancelled = true, updated_at = now() WHERE id = ?").param(id).update();
    }

    void markDisputed(UUID id) {
        jdbc.sql("UPDATE payment SET disputed = true, updated_at = now() WHERE id = ?").param(id).update();
    }

    /** Raises the provider's cumulative refunded figure; never lowers it (reports arrive in any order). */
    void raiseProviderRefunded(UUID id, long cumulative) {
        jdbc.sql("UPDATE payment SET provider_refunded = greatest(provider_refunded, ?), updated_at = now() WHERE id = ?")
                .params(cumulative, id).update();
    }

    void addRefunded(UUID id, long amount) {
        jdbc.sql("""
                UPDATE payment SET refunded_amount = refunded_amount + :amount,
                                   provider_refunded = greatest(provider_refunded, refunded_amount + :amount),
                                   updated_at = now()
                 WHERE id = :id""")
                .param("amount", amount).param("id", id).update();
    }

    /** Payments still PENDING after {@code age}: their session was never opened (a crash, a lost call). */
    List<UUID> stuckPending(Duration age, int limit) {
        return jdbc.sql("""
                SELECT id FROM payment WHERE status = 'PENDING' AND updated_at < now() - make_interval(secs => ?)
                 ORDER BY updated_at LIMIT ?""")
                .params(age.toSeconds(), limit).query(UUID.class).list();
    }

    /** Open sessions past their expiry: the provider is asked what became of them. */
    List<UUID> openPastExpiry(Duration grace, int limit) {
        return jdbc.sql("""
                SELECT id FROM payment WHERE status = 'OPEN' AND expires_at < now() - make_interval(secs => ?)
                 ORDER BY expires_at LIMIT ?""")
                .params(grace.toSeconds(), limit).query(UUID.class).list();
    }

    /** Appends to the payment's history (attempts, provider answers, webhooks, alerts). */
    public void record(UUID paymentId, String kind, @Nullable String detail, @Nullable String providerEventId) {
        jdbc.sql("INSERT INTO payment_record (payment_id, kind, detail, provider_event_id) VALUES (?, ?, ?, ?)")
                .params(paymentId, kind, detail, providerEventId).update();
    }

    /** The history of a payment, oldest first. */
    public List<PaymentRecord> records(UUID paymentId) {
        return jdbc.sql("SELECT kind, detail, provider_event_id, created_at FROM payment_record WHERE payment_id = ? ORDER BY id")
                .param(paymentId)
                .query((rs, n) -> new PaymentRecord(rs.getString("kind"), rs.getString("detail"),
                        rs.getString("provider_event_id"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** One line of a payment's history. */
    public record PaymentRecord(String kind, @Nullable String detail, @Nullable String providerEventId, Instant at) {
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        Timestamp expiresAt = rs.getTimestamp("expires_at");
        long paid = rs.getLong("paid_amount");
        Long paidAmount = rs.wasNull() ? null : paid;
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getString("order_number"), rs.getString("method"), rs.getString("provider"),
                Money.of(rs.getLong("amount"), rs.getString("currency")), rs.getLong("gift_card_amount"),
                rs.getString("customer_email"),
                rs.getString("success_url"), rs.getString("cancel_url"), rs.getString("line_items"),
                PaymentStatus.valueOf(rs.getString("status")), rs.getString("idempotency_key"),
                rs.getString("session_id"), rs.getString("redirect_url"),
                expiresAt == null ? null : expiresAt.toInstant(), rs.getString("provider_reference"), paidAmount,
                rs.getString("paid_currency"), rs.getLong("refunded_amount"), rs.getLong("provider_refunded"),
                rs.getBoolean("order_cancelled"), rs.getBoolean("disputed"), rs.getString("failure_reason"),
                rs.getInt("open_attempts"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
