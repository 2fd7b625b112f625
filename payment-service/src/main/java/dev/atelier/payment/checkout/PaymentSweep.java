package dev.atelier.payment.checkout;

import dev.atelier.payment.provider.PaymentProperties;
import dev.atelier.payment.provider.PaymentProvider;
import dev.atelier.payment.provider.PaymentProviders;
import dev.atelier.payment.provider.SessionState;
import java.time.Duration;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The safety net, on one replica at a time (ShedLock): sessions never opened (a crash between the PENDING row and the
 * provider's answer) are opened again with their key, refunds still PENDING are retried with theirs, and sessions
 * open past their expiry are reconciled with what the provider says became of them (a webhook may never come).
 */
@Component
public class PaymentSweep {

    private static final Logger log = LoggerFactory.getLogger(PaymentSweep.class);
    private static final int BATCH = 100;
    private static final Duration EXPIRY_GRACE = Duration.ofMinutes(1);

    private final Payments payments;
    private final Refunds refunds;
    private final SessionOpening opening;
    private final PaymentOutcomes outcomes;
    private final PaymentProviders providers;
    private final PaymentProperties properties;
    private final TransactionTemplate transactions;

    PaymentSweep(Payments payments, Refunds refunds, SessionOpening opening, PaymentOutcomes outcomes,
            PaymentProviders providers, PaymentProperties properties, TransactionTemplate transactions) {
        this.payments = payments;
        this.refunds = refunds;
        this.opening = opening;
        this.outcomes = outcomes;
        this.providers = providers;
        this.properties = properties;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${atelier.payment.sweep-interval:15s}",
            initialDelayString = "${atelier.payment.sweep-interval:15s}")
    @SchedulerLock(name = "payment-sweep", lockAtMostFor = "PT5M")
    public void sweep() {
        for (UUID paymentId : payments.stuckPending(properties.retryStuckAfter(), BATCH)) {
            guarded("reopening payment " + paymentId, () -> opening.open(paymentId));
        }
        for (UUID refundId : refunds.stuckPending(properties.retryStuckAfter(), BATCH)) {
            guarded("retrying refund " + refundId, () -> refunds.execute(refundId));
        }
        for (UUID paymentId : payments.openPastExpiry(EXPIRY_GRACE, BATCH)) {
            guarded("reconciling payment " + paymentId, () -> reconcile(paymentId));
        }
    }

    /** Asks the provider about an open session and applies its answer as a webhook would have. */
    void reconcile(UUID paymentId) {
        Payment payment = payments.find(paymentId).orElseThrow();
        String sessionId = payment.sessionId();
        if (sessionId == null) {
            return;
        }
        PaymentProvider provider = providers.named(payment.provider());
        SessionState state = provider.fetchSession(sessionId);
        if ("open".equals(state.status())) {
            provider.expireSession(sessionId);
            state = provider.fetchSession(sessionId);
            if ("open".equals(state.status()) && !provider.closesSessions()) {
                // the provider cannot close it (a Tink payment request): past its expiry, it is over here; money sent
                // on it later arrives as a late payment, refunded once the order is cancelled
                state = new SessionState(sessionId, "expired", "unpaid", null, 0, state.currency());
            }
        }
        SessionState answer = state;
        transactions.executeWithoutResult(tx -> {
            if (answer.complete()) {
                outcomes.sessionCompleted(paymentId, answer, null);
            } else if (answer.expired()) {
                outcomes.sessionExpired(paymentId, null);
            }
        });
        log.info("Reconciled payment {}: the provider reports the session {} ({})", paymentId, answer.status(),
                answer.paymentStatus());
    }

    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("{} failed, next sweep tries again: {}", what, e.toString());
        }
    }
}
