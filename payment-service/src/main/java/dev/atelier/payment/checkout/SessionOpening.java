package dev.atelier.payment.checkout;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.messaging.inbox.UndeliverableEventException;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.payment.giftcard.GiftCards;
import dev.atelier.payment.provider.OpenedSession;
import dev.atelier.payment.provider.PaymentProperties;
import dev.atelier.payment.provider.PaymentProvider;
import dev.atelier.payment.provider.PaymentProviders;
import dev.atelier.payment.provider.ProviderRejectedException;
import dev.atelier.payment.provider.ProviderUnavailableException;
import dev.atelier.payment.provider.SessionRequest;
import dev.atelier.payment.provider.SessionRequest.SessionLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the provider session of an order. PaymentRequested writes a PENDING payment with its idempotency key
 * (derived from the order) before any call; a local provider opens the session in that same transaction, a remote
 * one after it committed, with retries, and the answer is PaymentSessionCreated or, once the retries are spent,
 * PaymentFailed with the reason: the order never waits on a lost call.
 */
@Service
class SessionOpening {

    /** The provider name of a payment a gift card covers in full. */
    static final String GIFT_CARD = "gift_card";
    private static final Logger log = LoggerFactory.getLogger(SessionOpening.class);

    private final Payments payments;
    private final PaymentProviders providers;
    private final PaymentProperties properties;
    private final Outbox outbox;
    private final PaymentTasks tasks;
    private final TransactionTemplate transactions;
    private final GiftCards giftCards;
    private final Clock clock = Clock.systemUTC();

    SessionOpening(Payments payments, PaymentProviders providers, PaymentProperties properties, Outbox outbox,
            PaymentTasks tasks, TransactionTemplate transactions, GiftCards giftCards) {
        this.payments = payments;
        this.providers = providers;
        this.properties = properties;
        this.outbox = outbox;
        this.tasks = tasks;
        this.transactions = transactions;
        this.giftCards = giftCards;
    }

    static String idempotencyKey(UUID orderId) {
        return "atelier-checkout-session-" + orderId;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void requested(PaymentRequested request) {
        if (request.amount().minor() <= 0) {
            throw new UndeliverableEventException("order " + request.orderId() + " asks to pay " + request.amount());
        }
        PaymentProvider provider;
        try {
            provider = providers.forMethod(request.paymentMethod());
        } catch (IllegalArgumentException e) {
            throw new UndeliverableEventException("order " + request.orderId() + ": " + e.getMessage());
        }
        UUID paymentId = UUID.randomUUID();
        Instant expiresAt = clock.instant().plus(properties.sessionTtl());
        String order = properties.storefrontUrl() + "/orders/" + request.orderId();
        String successUrl = request.successUrl() == null ? order + "?payment=success" : request.successUrl();
        String cancelUrl = request.cancelUrl() == null ? order + "?payment=cancelled" : request.cancelUrl();
        GiftCards.Hold hold = request.giftCardCode() == null
                ? new GiftCards.Hold(0, null)
                : giftCards.hold(request.giftCardCode(), request.orderId(), request.amount(), clock.instant());
        Money providerPart = request.amount().minus(new Money(hold.amount(), request.amount().currency()));
        String providerName = providerPart.minor() == 0 ? GIFT_CARD : provider.name();
        // the first lines of its history are written with the row, in one statement
        List<Payments.Entry> history = new ArrayList<>();
        if (hold.refused()) {
            history.add(new Payments.Entry("REQUESTED",
                    request.amount() + " with gift card refused: " + hold.refusal()));
        } else if (providerPart.minor() == 0) {
            history.add(new Payments.Entry("REQUESTED", request.amount() + " by gift card"));
        } else {
            if (hold.amount() > 0) {
                history.add(new Payments.Entry("GIFT_CARD_HELD", hold.amount() + " held on the gift card"));
            }
            history.add(new Payments.Entry("REQUESTED", providerPart + " by " + request.paymentMethod() + " through "
                    + provider.name()));
        }
        // one payment per order: a repeated PaymentRequested finds the row (a repeated hold returned the first one)
        Optional<Payment> inserted = payments.insertPending(paymentId, request.orderId(), request.orderNumber(),
                request.paymentMethod(), providerName, providerPart, hold.amount(), request.customerEmail(), successUrl,
                cancelUrl, lines(request, providerPart), idempotencyKey(request.orderId()), expiresAt, history);
        if (inserted.isEmpty()) {
            log.info("Order {} has a payment already: PaymentRequested again changes nothing", request.orderId());
            return;
        }
        if (hold.refused()) {
            payments.changeStatus(paymentId, PaymentStatus.FAILED, hold.refusal());
            outbox.record(new PaymentFailed(request.orderId(), paymentId, GIFT_CARD, hold.refusal(), clock.instant()));
            return;
        }
        if (providerPart.minor() == 0) {
            // the card covers it all: no provider session, the money is taken now
            payments.markPaid(paymentId, PaymentStatus.SUCCEEDED, 0, request.amount().currency().getCurrencyCode(), null,
                    new Payments.Entry("SUCCEEDED", hold.amount() + " from the gift card"), null);
            giftCards.spend(request.orderId());
            outbox.record(new PaymentSucceeded(request.orderId(), paymentId, GIFT_CARD, request.amount(), clock.instant()));
            return;
        }
        if (provider.local()) {
            // the row inserted above is this transaction's alone until it commits: no lock to take
            Payment payment = inserted.get();
            opened(payment, provider.openSession(sessionRequest(payment)));
        } else {
            tasks.afterCommit("opening the session of payment " + paymentId, () -> open(paymentId));
        }
    }

    /** Calls the provider for a PENDING payment (outside any transaction) and records what came of it. */
    void open(UUID paymentId) {
        Payment payment = payments.find(paymentId).orElseThrow();
        if (payment.status() != PaymentStatus.PENDING) {
            return;
        }
        PaymentProvider provider = providers.named(payment.provider());
        payments.countOpenAttempt(paymentId);
        try {
            OpenedSession session = provider.openSession(sessionRequest(payment));
            boolean expireAgain = Boolean.TRUE.equals(transactions.execute(tx -> {
                Payment locked = payments.lock(paymentId).orElseThrow();
                if (locked.status() == PaymentStatus.PENDING) {
                    opened(locked, session);
                    return false;
                }
                payments.setSession(paymentId, session.sessionId());
                return locked.status() == PaymentStatus.CANCELLED;
            }));
            if (expireAgain) {
                // the order was cancelled while the session was being opened: close it before anyone pays
                provider.expireSession(session.sessionId());
            }
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            transactions.executeWithoutResult(tx -> {
                Payment locked = payments.lock(paymentId).orElseThrow();
                if (locked.status() != PaymentStatus.PENDING) {
                    return;
                }
                String reason = (e instanceof ProviderUnavailableException ? "provider_unavailable: " : "provider_rejected: ")
                        + e.getMessage();
                payments.changeStatus(paymentId, PaymentStatus.FAILED, reason);
                payments.record(paymentId, "SESSION_FAILED", reason, null);
                giftCards.giveBack(locked.orderId());
                outbox.record(new PaymentFailed(locked.orderId(), paymentId, locked.provider(), reason, clock.instant()));
            });
            log.warn("Payment {} failed: no session could be opened: {}", paymentId, e.getMessage());
        }
    }

    private void opened(Payment payment, OpenedSession session) {
        payments.markOpen(payment.id(), session.sessionId(), session.redirectUrl(), session.expiresAt());
        outbox.record(new PaymentSessionCreated(payment.orderId(), payment.id(), payment.provider(), session.sessionId(),
                session.redirectUrl(), session.expiresAt()));
    }

    /**
     * The order's lines, shipping and gift wrap when they add up to the amount asked (no discount, no gift card: the
     * provider's page cannot show a negative line); otherwise one line for the whole order.
     */
    static List<SessionLine> lines(PaymentRequested request, Money providerPart) {
        OrderTotals totals = request.totals();
        List<OrderLine> lines = request.lines();
        String currency = request.amount().currency().getCurrencyCode();
        if (lines != null && !lines.isEmpty() && totals != null && totals.discount().minor() == 0
                && totals.total().equals(providerPart)) {
            List<SessionLine> items = new ArrayList<>();
            long sum = 0;
            for (OrderLine line : lines) {
                long unit = line.lineTotal() == null ? line.unitPrice().minor()
                        : line.lineTotal().minor() / Math.max(1, line.quantity());
                if (!line.unitPrice().currency().getCurrencyCode().equals(currency)) {
                    return wholeOrder(request, providerPart);
                }
                items.add(new SessionLine(line.name() == null ? line.sku() : line.name(), line.quantity(), unit));
                sum += unit * line.quantity();
            }
            if (totals.shipping().minor() > 0) {
                items.add(new SessionLine("Shipping", 1, totals.shipping().minor()));
                sum += totals.shipping().minor();
            }
            if (totals.giftWrap().minor() > 0) {
                items.add(new SessionLine("Gift wrap", 1, totals.giftWrap().minor()));
                sum += totals.giftWrap().minor();
            }
            if (sum == providerPart.minor()) {
                return items;
            }
        }
        return wholeOrder(request, providerPart);
    }

    private static List<SessionLine> wholeOrder(PaymentRequested request, Money providerPart) {
        return List.of(new SessionLine("Order " + request.orderNumber(), 1, providerPart.minor()));
    }

    private SessionRequest sessionRequest(Payment payment) {
        return new SessionRequest(payment.id(), payment.orderId(), payment.orderNumber(), payment.amount(),
                payment.customerEmail(), payment.lines(), payment.successUrl(), payment.cancelUrl(),
                payment.expiresAt() == null ? clock.instant().plus(properties.sessionTtl()) : payment.expiresAt(),
                payment.idempotencyKey());
    }
}
