package dev.atelier.payment.sandbox;

import dev.atelier.payment.provider.SessionRequest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox's session table: one row per idempotency key, so that a retried open returns the same session. */
@Repository
class SandboxSessions {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SESSION_PREFIX = "cs_sandbox_";
    static final int ID_LENGTH = 24;

    private final JdbcClient jdbc;

    SandboxSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SandboxSession open(SessionRequest request, String successUrl, String cancelUrl) {
        return jdbc.sql("""
                INSERT INTO sandbox_session (id, idempotency_key, payment_id, order_id, order_number, amount, currency,
                                             customer_email, success_url, cancel_url, status, expires_at)
                VALUES (:id, :key, :paymentId, :orderId, :orderNumber, :amount, :currency, :email, :successUrl,
                        :cancelUrl, 'OPEN', :expiresAt)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING *""")
                .param("id", SESSION_PREFIX + randomId(ID_LENGTH))
                .param("key", request.idempotencyKey())
                .param("paymentId", request.paymentId())
                .param("orderId", request.orderId())
                .param("orderNumber", request.orderNumber())
                .param("amount", request.amount().minor())
                .param("currency", request.amount().currency().getCurrencyCode())
                .param("email", request.customerEmail())
                .param("successUrl", successUrl)
                .param("cancelUrl", cancelUrl)
                .param("expiresAt", Timestamp.from(request.expiresAt()))
                .query(SandboxSessions::map).optional()
                // the key was used before: the session opened then
                .orElseGet(() -> jdbc.sql("SELECT * FROM sandbox_session WHERE idempotency_key = ?")
                        .param(request.idempotencyKey()).query(SandboxSessions::map).single());
    }

    /** Whether {@code id} has the shape of the ids {@link #open} gives out. */
    static boolean isWellFormed(String id) {
        return id.length() == SESSION_PREFIX.length() + ID_LENGTH && id.startsWith(SESSION_PREFIX)
                && id.chars().skip(SESSION_PREFIX.length()).allMatch(c -> c < 128 && Character.isLetterOrDigit(c));
    }

    Optional<SandboxSession> find(String id) {
        return jdbc.sql("SELECT * FROM sandbox_session WHERE id = ?").param(id).query(SandboxSessions::map).optional();
    }

    /** Marks an open session paid; false when it is no longer open. */
    boolean complete(String id, String paymentIntent) {
        return jdbc.sql("UPDATE sandbox_session SET status = 'COMPLETE', payment_intent = ? WHERE id = ? AND status = 'OPEN'")
                .params(paymentIntent, id).update() == 1;
    }

    /** Takes the money of a session whatever its state: the "pay after expiry" case a real provider can produce. */
    void completeLate(String id, String paymentIntent) {
        jdbc.sql("UPDATE sandbox_session SET status = 'COMPLETE', payment_intent = ? WHERE id = ?")
                .params(paymentIntent, id).update();
    }

    boolean expire(String id) {
        return jdbc.sql("UPDATE sandbox_session SET status = 'EXPIRED' WHERE id = ? AND status = 'OPEN'").param(id)
                .update() == 1;
    }

    static String randomId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    private static SandboxSession map(ResultSet rs, int row) throws SQLException {
        return new SandboxSession(rs.getString("id"), rs.getObject("payment_id", UUID.class),
                rs.getObject("order_id", UUID.class), rs.getString("order_number"), rs.getLong("amount"),
                rs.getString("currency"), rs.getString("customer_email"), rs.getString("success_url"),
                rs.getString("cancel_url"), rs.getString("status"), rs.getString("payment_intent"),
                rs.getTimestamp("expires_at").toInstant());
    }
}
