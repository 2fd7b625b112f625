package dev.atelier.payment.checkout;

import dev.atelier.events.Money;
import dev.atelier.events.payment.PaymentDisputed;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.payment.giftcard.GiftCards;
import dev.atelier.payment.provider.SessionState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a provider reports about a payment, applied to it. Reports arrive at least once and in any order, so each one
 * is a fact merged into the payment rather than a step: money taken always wins over an expiry (and is refunded when
 * the order is gone), refunds are cumulative figures (only the part not yet announced is announced), and a refund
 * reported before the payment itself is announced right after it. The events out are therefore the same whatever
 * the order the reports came in. Every method runs in the caller's transaction, on the payment's locked row.
 */
@Service
public class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    private final Payments payments;
    private final Refunds refunds;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final GiftCards giftCards;
    private final Clock clock = Clock.systemUTC();

    PaymentOutcomes(Payments payments, Refunds refunds, Outbox outbox, MeterRegistry meters, GiftCards giftCards) {
        this.payments = payments;
        this.refunds = refunds;
        this.outbox = outbox;
        this.meters = meters;
        this.giftCards = giftCards;
    }

    /** What applying a report did, for the provider event log. */
    public enum Effect { APPLIED, NO_CHANGE, MISMATCH }

    /** A provider's report about a session, for {@link #applyIfKnown}. */
    public enum SessionReport { COMPLETED, ASYNC_SUCCEEDED, ASYNC_FAILED }

    /**
     * Applies a report to the payment the provider named (its metadata), locking the row once; empty, with nothing
     * changed, when there is no such payment. The webhook's usual path: no look-up before the transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Effect> applyIfKnown(UUID paymentId, SessionReport report, SessionState session,
            @Nullable String eventId) {
        return payments.lock(paymentId).map(payment -> switch (report) {
            case COMPLETED -> completed(payment, session, eventId);
            case ASYNC_SUCCEEDED -> asyncSucceeded(payment, session, eventId);
            case ASYNC_FAILED -> asyncFailed(payment, eventId);
        });
    }

    /** The session was submitted: paid now, or (delayed methods) the money is on its way. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect sessionCompleted(UUID paymentId, SessionState session, @Nullable String eventId) {
        return completed(lock(paymentId), session, eventId);
    }

    private Effect completed(Payment payment, SessionState session, @Nullable String eventId) {
        UUID paymentId = payment.id();
        setSession(payment, session.sessionId());
        if (session.paid()) {
            return paid(payment, session.amountTotal(), session.currency(), session.paymentReference(), eventId);
        }
        if (session.paymentReference() != null) {
            payments.setReference(paymentId, session.paymentReference());
        }
        if (payment.status() == PaymentStatus.OPEN || payment.status() == PaymentStatus.PENDING) {
            payments.changeStatus(paymentId, PaymentStatus.PROCESSING, null);
            payments.record(paymentId, "PROCESSING", "submitted, awaiting the money", eventId);
            return Effect.APPLIED;
        }
        return Effect.NO_CHANGE;
    }

    /** A delayed payment (bank debit, Klarna) went through. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect asyncSucceeded(UUID paymentId, SessionState session, @Nullable String eventId) {
        return asyncSucceeded(lock(paymentId), session, eventId);
    }

    private Effect asyncSucceeded(Payment payment, SessionState session, @Nullable String eventId) {
        setSession(payment, session.sessionId());
        return paid(payment, session.amountTotal(), session.currency(), session.paymentReference(), eventId);
    }

    /** A delayed payment did not go through. Nothing changes if the money is already reported taken. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect asyncFailed(UUID paymentId, @Nullable String eventId) {
        return asyncFailed(lock(paymentId), eventId);
    }

    private Effect asyncFailed(Payment payment, @Nullable String eventId) {
        if (!payment.status().awaitingMoney()) {
            return Effect.NO_CHANGE;
        }
        fail(payment, PaymentStatus.FAILED, "payment_failed", eventId);
        return Effect.APPLIED;
    }

    /**
     * The session ran out unpaid. The caller has checked with the provider that the session really is expired (an
     * expiry can arrive after the completion it preceded); a payment already submitted or paid is left as it is.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect sessionExpired(UUID paymentId, @Nullable String eventId) {
        Payment payment = lock(paymentId);
        if (payment.status() != PaymentStatus.OPEN && payment.status() != PaymentStatus.PENDING) {
            return Effect.NO_CHANGE;
        }
        if (payment.orderCancelled()) {
            payments.changeStatus(paymentId, PaymentStatus.CANCELLED, "session_expired");
            giveBackGiftCard(payment);
            payments.record(paymentId, "EXPIRED", "session expired after the order was cancelled", eventId);
            return Effect.APPLIED;
        }
        fail(payment, PaymentStatus.EXPIRED, "session_expired", eventId);
        return Effect.APPLIED;
    }

    /** The provider reports {@code cumulative} refunded in total on this payment (its own refunds and ours). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect refundedByProvider(UUID paymentId, long cumulative, @Nullable String reference, @Nullable String eventId) {
        Payment payment = lock(paymentId);
        if (reference != null) {
            payments.setReference(paymentId, reference);
        }
        if (cumulative <= payment.providerRefunded()) {
            return Effect.NO_CHANGE;
        }
        payments.raiseProviderRefunded(paymentId, cumulative);
        payments.record(paymentId, "PROVIDER_REFUNDED", "provider reports " + cumulative + " refunded in total", eventId);
        announceProviderRefunds(lock(paymentId));
        return Effect.APPLIED;
    }

    /** The shopper's bank disputes the payment: the back-office has to answer it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Effect disputed(UUID paymentId, Money amount, String reason, @Nullable String eventId) {
        Payment payment = lock(paymentId);
        if (payment.disputed()) {
            return Effect.NO_CHANGE;
        }
        payments.markDisputed(paymentId);
        payments.record(paymentId, "DISPUTED", amount + ": " + reason, eventId);
        outbox.record(new PaymentDisputed(payment.orderId(), paymentId, payment.provider(), amount, reason, clock.instant()));
        meters.counter("atelier.payment.alerts", "kind", "dispute").increment();
        log.error("ALERT: payment {} of order {} is disputed ({}, {})", paymentId, payment.orderNumber(), amount, reason);
        return Effect.APPLIED;
    }

    /**
     * The order is gone: money already taken goes back in full, a session not paid yet is cancelled; returns the
     * payment whose provider session the caller must close.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Payment> orderCancelled(UUID orderId) {
        Payment payment = payments.lockByOrder(orderId).orElse(null);
        if (payment == null) {
            return Optional.empty();
        }
        if (!payment.orderCancelled()) {
            payments.markOrderCancelled(payment.id());
            payments.record(payment.id(), "ORDER_CANCELLED", null, null);
        }
        // whatever the payment's state, what the gift card gave goes back onto it (a hold, or a spent amount)
        giftCards.giveBack(orderId);
        switch (payment.status()) {
            case PENDING, OPEN -> {
                payments.changeStatus(payment.id(), PaymentStatus.CANCELLED, "order_cancelled");
                return payment.sessionId() == null ? Optional.empty() : Optional.of(payment);
            }
            case SUCCEEDED, MISMATCH -> refundAfterCancellation(lock(payment.id()));
            default -> {
                // PROCESSING: the money may still come, and is refunded when it does. The others took nothing.
            }
        }
        return Optional.empty();
    }

    private Effect paid(Payment payment, long amount, String currency, @Nullable String reference,
            @Nullable String eventId) {
        if (payment.status().paid()) {
            if (reference != null) {
                payments.setReference(payment.id(), reference);
            }
            return Effect.NO_CHANGE;
        }
        String paidCurrency = currency.toUpperCase(Locale.ROOT);
        boolean matches = amount == payment.amount().minor()
                && paidCurrency.equals(payment.amount().currency().getCurrencyCode());
        if (!matches) {
            payments.markPaid(payment.id(), PaymentStatus.MISMATCH, amount, paidCurrency, reference,
                    new Payments.Entry("ALERT", "paid " + amount + " " + paidCurrency + " for an order of "
                            + payment.amount() + ": not confirmed"), eventId);
            meters.counter("atelier.payment.alerts", "kind", "amount-mismatch").increment();
            log.error("ALERT: payment {} of order {}: provider took {} {} for an order of {}; not confirmed",
                    payment.id(), payment.orderNumber(), amount, paidCurrency, payment.amount());
            if (payment.orderCancelled()) {
                refundAfterCancellation(lock(payment.id()));
            }
            return Effect.MISMATCH;
        }
        payments.markPaid(payment.id(), PaymentStatus.SUCCEEDED, amount, paidCurrency, reference,
                new Payments.Entry("SUCCEEDED", amount + " " + paidCurrency + (reference == null ? "" : " as " + reference)),
                eventId);
        if (payment.giftCardAmount() > 0) {
            giftCards.spend(payment.orderId());
        }
        outbox.record(new PaymentSucceeded(payment.orderId(), payment.id(), payment.provider(), payment.orderAmount(),
                clock.instant()));
        if (payment.providerRefunded() == 0 && !payment.orderCancelled()) {
            // the usual case, decided on the row as locked: no refund reported yet, the order stands
            return Effect.APPLIED;
        }
        Payment now = lock(payment.id());
        announceProviderRefunds(now);
        if (now.orderCancelled()) {
            refundAfterCancellation(lock(payment.id()));
        }
        return Effect.APPLIED;
    }

    /**
     * Refunds the provider reported beyond what this service announced and what it has in flight (a refund made in
     * the provider's dashboard), announced once the payment itself is: never a refund of money not yet reported taken.
     */
    private void announceProviderRefunds(Payment payment) {
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return;
        }
        long outside = Math.min(payment.providerRefunded() - payment.refundedAmount() - refunds.pendingSum(payment.id()),
                payment.refundable());
        if (outside <= 0) {
            return;
        }
        payments.addRefunded(payment.id(), outside);
        payments.record(payment.id(), "REFUNDED", outside + " " + payment.amount().currency() + " refunded at the provider",
                null);
        outbox.record(new PaymentRefunded(payment.orderId(), payment.id(), new Money(outside, payment.amount().currency()),
                "refunded at the provider", clock.instant()));
    }

    private void refundAfterCancellation(Payment payment) {
        refunds.requestLocked(payment, null, "order cancelled", "system", "atelier-refund-cancelled-" + payment.id())
                .ifPresent(r -> log.warn("Payment {} took money for cancelled order {}: refund {} of {} requested",
                        payment.id(), payment.orderNumber(), r.id(), r.amount()));
    }

    private void fail(Payment payment, PaymentStatus status, String reason, @Nullable String eventId) {
        payments.changeStatus(payment.id(), status, reason);
        giveBackGiftCard(payment);
        payments.record(payment.id(), status.name(), reason, eventId);
        outbox.record(new PaymentFailed(payment.orderId(), payment.id(), payment.provider(), reason, clock.instant()));
    }

    /** Records the provider's session on the payment, unless it is the one it has already. */
    private void setSession(Payment payment, String sessionId) {
        if (!sessionId.equals(payment.sessionId())) {
            payments.setSession(payment.id(), sessionId);
        }
    }

    /** A payment without a gift-card part has no hold to release: no statement to run. */
    private void giveBackGiftCard(Payment payment) {
        if (payment.giftCardAmount() > 0) {
            giftCards.giveBack(payment.orderId());
        }
    }

    private Payment lock(UUID paymentId) {
        return payments.lock(paymentId).orElseThrow(() -> new UnknownPaymentException(paymentId));
    }
}
