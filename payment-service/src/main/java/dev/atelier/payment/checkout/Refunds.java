package dev.atelier.payment.checkout;

import dev.atelier.events.Money;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.payment.provider.PaymentProvider;
import dev.atelier.payment.provider.PaymentProviders;
import dev.atelier.payment.provider.ProviderRejectedException;
import dev.atelier.payment.provider.ProviderUnavailableException;
import dev.atelier.payment.provider.RefundRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money going back to the shopper. A refund is first a PENDING row with its idempotency key, written in the
 * transaction that decided it (a cancellation, an admin's request); the provider is called after the commit and,
 * once it confirmed, the refund and its PaymentRefunded are written together. A refund the provider could not be
 * reached for stays PENDING and is retried with the same key; one it refused is FAILED and alerted. Never lost.
 */
@Service
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final JdbcClient jdbc;
    private final Payments payments;
    private final PaymentProviders providers;
    private final Outbox outbox;
    private final PaymentTasks tasks;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    Refunds(JdbcClient jdbc, Payments payments, PaymentProviders providers, Outbox outbox, PaymentTasks tasks,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.providers = providers;
        this.outbox = outbox;
        this.tasks = tasks;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** A refund as stored. */
    public record Refund(UUID id, UUID paymentId, long amount, String reason, String actor, String status,
            @Nullable String providerReference, int attempts, @Nullable String lastError, Instant createdAt) {
    }

    /**
     * Asks for a refund of {@code amount} (all that is left when null) of a paid payment, under a lock on the
     * payment, so that concurrent requests can never refund more than was taken. The same key returns the same refund.
     *
     * @throws RefundRefusedException when the payment took no money or the amount exceeds what is left
     */
    @Transactional
    public Refund request(UUID paymentId, @Nullable Long amount, String reason, String actor, String idempotencyKey) {
        Optional<Refund> existing = findByKey(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        Payment payment = payments.lock(paymentId).orElseThrow(() -> new UnknownPaymentException(paymentId));
        // the caller runs it (execute) once this commits; the sweep retries it if that call never happens
        return open(payment, amount, reason, actor, idempotencyKey, false).orElseThrow(() -> new RefundRefusedException(
                "refund-exceeds-payment", "nothing is left to refund on payment " + paymentId));
    }

    /**
     * The same, inside the caller's transaction on a payment it locked, run as soon as the transaction commits; empty
     * when nothing is left to refund.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Refund> requestLocked(Payment payment, @Nullable Long amount, String reason, String actor,
            String idempotencyKey) {
        return open(payment, amount, reason, actor, idempotencyKey, true);
    }

    private Optional<Refund> open(Payment payment, @Nullable Long amount, String reason, String actor,
            String idempotencyKey, boolean runAfterCommit) {
        Optional<Refund> existing = findByKey(idempotencyKey);
        if (existing.isPresent()) {
            return existing;
        }
        if (!payment.status().paid()) {
            throw new RefundRefusedException("payment-not-refundable",
                    "payment " + payment.id() + " is " + payment.status() + ": no money was taken");
        }
        long left = payment.refundable() - pendingSum(payment.id());
        long wanted = amount == null ? left : amount;
        if (amount == null && left <= 0) {
            return Optional.empty();
        }
        if (wanted <= 0 || wanted > left) {
            throw new RefundRefusedException("refund-exceeds-payment", "a refund of " + wanted + " exceeds the "
                    + left + " left to refund on payment " + payment.id());
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO refund (id, payment_id, amount, reason, actor, idempotency_key, status)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING')""")
                .params(id, payment.id(), wanted, reason, actor, idempotencyKey).update();
        payments.record(payment.id(), "REFUND_REQUESTED", wanted + " " + payment.amount().currency() + " by " + actor
                + ": " + reason, null);
        if (runAfterCommit) {
            tasks.afterCommit("refund " + id, () -> execute(id));
        }
        return find(id);
    }

    /** Calls the provider for a PENDING refund and records the result; safe to run twice at once (same key). */
    public Optional<Refund> execute(UUID refundId) {
        Refund refund = find(refundId).orElseThrow();
        if (!"PENDING".equals(refund.status())) {
            return Optional.of(refund);
        }
        Payment payment = payments.find(refund.paymentId()).orElseThrow();
        PaymentProvider provider = providers.named(payment.provider());
        String idempotencyKey = jdbc.sql("SELECT idempotency_key FROM refund WHERE id = ?").param(refundId)
                .query(String.class).single();
        try {
            if (payment.providerReference() == null) {
                throw new ProviderRejectedException("payment " + payment.id() + " has no provider reference", null);
            }
            String reference = provider.refund(new RefundRequest(payment.providerReference(),
                    new Money(refund.amount(), payment.amount().currency()), refund.reason(), idempotencyKey));
            transactions.executeWithoutResult(tx -> succeeded(refund, payment, reference));
        } catch (ProviderUnavailableException e) {
            jdbc.sql("UPDATE refund SET attempts = attempts + 1, last_error = ?, updated_at = now() WHERE id = ?")
                    .params(e.getMessage(), refundId).update();
        } catch (ProviderRejectedException e) {
            transactions.executeWithoutResult(tx -> {
                if (jdbc.sql("""
                        UPDATE refund SET status = 'FAILED', attempts = attempts + 1, last_error = ?, updated_at = now()
                         WHERE id = ? AND status = 'PENDING'""").params(e.getMessage(), refundId).update() == 1) {
                    payments.record(payment.id(), "ALERT", "refund " + refundId + " refused by " + provider.name() + ": "
                            + e.getMessage(), null);
                }
            });
            meters.counter("atelier.payment.alerts", "kind", "refund-refused").increment();
            log.error("ALERT: refund {} of payment {} refused by {}: {}", refundId, payment.id(), provider.name(),
                    e.getMessage());
        }
        return find(refundId);
    }

    private void succeeded(Refund refund, Payment payment, String reference) {
        payments.lock(payment.id());
        int changed = jdbc.sql("""
                UPDATE refund SET status = 'SUCCEEDED', provider_reference = ?, attempts = attempts + 1, last_error = NULL,
                                  updated_at = now()
                 WHERE id = ? AND status = 'PENDING'""").params(reference, refund.id()).update();
        if (changed == 0) {
            return;
        }
        payments.addRefunded(payment.id(), refund.amount());
        payments.record(payment.id(), "REFUNDED", refund.amount() + " " + payment.amount().currency() + " as " + reference,
                null);
        outbox.record(new PaymentRefunded(payment.orderId(), payment.id(),
                new Money(refund.amount(), payment.amount().currency()), refund.reason(), clock.instant()));
    }

    /** Refunds still in flight for a payment: counted as refunded when deciding how much more may go back. */
    long pendingSum(UUID paymentId) {
        return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM refund WHERE payment_id = ? AND status = 'PENDING'")
                .param(paymentId).query(Long.class).single();
    }

    List<UUID> stuckPending(Duration age, int limit) {
        return jdbc.sql("""
                SELECT id FROM refund WHERE status = 'PENDING' AND updated_at < now() - make_interval(secs => ?)
                 ORDER BY updated_at LIMIT ?""").params(age.toSeconds(), limit).query(UUID.class).list();
    }

    public List<Refund> ofPayment(UUID paymentId) {
        return jdbc.sql("SELECT * FROM refund WHERE payment_id = ? ORDER BY created_at").param(paymentId)
                .query(Refunds::map).list();
    }

    public Optional<Refund> find(UUID id) {
        return jdbc.sql("SELECT * FROM refund WHERE id = ?").param(id).query(Refunds::map).optional();
    }

    private Optional<Refund> findByKey(String key) {
        return jdbc.sql("SELECT * FROM refund WHERE idempotency_key = ?").param(key).query(Refunds::map).optional();
    }

    private static Refund map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class), rs.getLong("amount"),
                rs.getString("reason"), rs.getString("actor"), rs.getString("status"),
                rs.getString("provider_reference"), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant());
    }
}
