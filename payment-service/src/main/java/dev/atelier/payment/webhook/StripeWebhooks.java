package dev.atelier.payment.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.atelier.events.Money;
import dev.atelier.payment.checkout.Payment;
import dev.atelier.payment.checkout.PaymentOutcomes;
import dev.atelier.payment.checkout.PaymentOutcomes.Effect;
import dev.atelier.payment.checkout.PaymentOutcomes.SessionReport;
import dev.atelier.payment.checkout.Payments;
import dev.atelier.payment.provider.PaymentProviders;
import dev.atelier.payment.provider.SessionState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stripe's webhooks (and the sandbox's, which have the same shape and scheme): the signature is checked over the raw
 * body by stripe-java ({@code Webhook.Signature.verifyHeader}, the check {@code Webhook.constructEvent} runs) with a
 * tolerance of 300 s, the body is then read for the fields this service acts on ({@link StripeEvent}), and the event
 * is applied in one transaction with the row that records its id, so that a replay, however many at once, finds the
 * id and changes nothing.
 */
@Service
public class StripeWebhooks {

    /** Signatures older than this are refused (Stripe's own default; never 0, which would turn the check off). */
    public static final long TOLERANCE_SECONDS = 300;
    private static final String PROVIDER = "stripe";
    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final PaymentProviders providers;
    private final Payments payments;
    private final PaymentOutcomes outcomes;
    private final ProviderEvents events;
    private final MeterRegistry meters;
    /** The secrets in use, fixed at start (the configured Stripe secret, the sandbox's). */
    private final List<String> secrets;
    /** The webhook counter of each type and outcome, looked up once rather than per webhook. */
    private final Map<String, Counter> counted = new ConcurrentHashMap<>();

    StripeWebhooks(PaymentProviders providers, Payments payments, PaymentOutcomes outcomes, ProviderEvents events,
            MeterRegistry meters) {
        this.providers = providers;
        this.payments = payments;
        this.outcomes = outcomes;
        this.events = events;
        this.meters = meters;
        this.secrets = providers.stripeWebhookSecrets();
        warmUp();
    }

    /**
     * Verifies and reads one made-up event before the service takes traffic: the first webhooks, arriving together
     * on virtual threads, would otherwise wait on the class initialisations of the signature check and the JSON
     * reader pinned to their carriers (on a busy machine the first deliveries of the benchmark's warm-up stalled past
     * the sender's timeout).
     */
    private static void warmUp() {
        String secret = "whsec_warm_up";
        String payload = """
                {"id": "evt_warm_up", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
                 "type": "checkout.session.completed", "data": {"object": {"id": "cs_warm_up",
                 "object": "checkout.session", "amount_total": 100, "currency": "gbp", "status": "complete",
                 "payment_status": "paid", "payment_intent": "pi_warm_up", "metadata": {"paymentId": "none"}}}}""".formatted(
                com.stripe.Stripe.API_VERSION, java.time.Instant.now().getEpochSecond());
        try {
            Webhook.Signature.verifyHeader(payload, Webhook.Signature.generateSignatureHeader(payload, secret,
                    java.time.Instant.now().getEpochSecond()), secret, TOLERANCE_SECONDS);
            StripeEvent event = StripeEvent.parse(payload);
            event.metadataPaymentId();
            event.number("amount_total");
        } catch (SignatureVerificationException | java.security.GeneralSecurityException | RuntimeException e) {
            // only a warm-up: the first real webhook pays the cost instead
            log.debug("Stripe webhook warm-up failed: {}", e.toString());
        }
    }

    /**
     * Verifies the signature against every secret in use, then reads the event.
     *
     * @throws InvalidSignatureException when no secret verifies it, or the signed body is not an event
     */
    public StripeEvent verify(String payload, @Nullable String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidSignatureException("no Stripe-Signature header");
        }
        String reason = null;
        for (String secret : secrets) {
            try {
                Webhook.Signature.verifyHeader(payload, signatureHeader, secret, TOLERANCE_SECONDS);
            } catch (SignatureVerificationException e) {
                // the secret that matched but found the signature too old says more than the ones that did not match
                if (reason == null || e.getMessage().startsWith("Timestamp")) {
                    reason = e.getMessage();
                }
                continue;
            }
            return StripeEvent.parse(payload);
        }
        throw new InvalidSignatureException(reason == null ? "no webhook secret is configured" : reason);
    }

    /** Applies a verified event once. */
    public WebhookOutcome handle(StripeEvent event) {
        String type = event.type();
        WebhookOutcome outcome = switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded",
                 "checkout.session.async_payment_failed", "checkout.session.expired" -> session(event, type);
            case "charge.refunded" -> refunded(event);
            case "charge.dispute.created" -> disputed(event);
            default -> once(event, null, () -> WebhookOutcome.IGNORED);
        };
        counted.computeIfAbsent(type + ' ' + outcome.name(),
                key -> meters.counter("atelier.payment.webhooks", "type", type, "outcome", outcome.name())).increment();
        return outcome;
    }

    private WebhookOutcome session(StripeEvent event, String type) {
        String sessionId = nonNull(event.string("id"));
        Optional<UUID> named = event.metadataPaymentId();
        SessionReport report = switch (type) {
            case "checkout.session.completed" -> SessionReport.COMPLETED;
            case "checkout.session.async_payment_succeeded" -> SessionReport.ASYNC_SUCCEEDED;
            case "checkout.session.async_payment_failed" -> SessionReport.ASYNC_FAILED;
            default -> null;
        };
        if (named.isPresent() && report != null) {
            // the usual delivery: the payment named by this store's own metadata is locked once, inside the event's
            // transaction, without a look-up first; a name that is no payment rolls that back for the path below
            try {
                return once(event, named.get(), () -> outcomes.applyIfKnown(named.get(), report,
                        state(event, sessionId), event.id()).map(WebhookOutcome::of).orElseThrow(NotNamedPayment::new));
            } catch (NotNamedPayment e) {
                // not one of this store's payments: looked up by the session below
            }
        }
        Optional<Payment> payment = event.metadataPaymentId().flatMap(payments::find)
                .or(() -> payments.findBySession(sessionId));
        if (payment.isEmpty()) {
            log.warn("Stripe event {} ({}) is about session {}, which is not one of this store's", event.id(), type,
                    sessionId);
            return once(event, null, () -> WebhookOutcome.IGNORED);
        }
        UUID paymentId = payment.get().id();
        SessionState state = state(event, sessionId);
        if ("checkout.session.expired".equals(type) && payment.get().status().awaitingMoney()
                && !stillExpired(payment.get(), sessionId)) {
            // an expiry delivered after the completion it preceded: the provider says the session was completed
            return once(event, paymentId, () -> WebhookOutcome.STALE);
        }
        return once(event, paymentId, () -> effect(switch (type) {
            case "checkout.session.completed" -> outcomes.sessionCompleted(paymentId, state, event.id());
            case "checkout.session.async_payment_succeeded" -> outcomes.asyncSucceeded(paymentId, state, event.id());
            case "checkout.session.async_payment_failed" -> outcomes.asyncFailed(paymentId, event.id());
            default -> outcomes.sessionExpired(paymentId, event.id());
        }));
    }

    private static SessionState state(StripeEvent event, String sessionId) {
        Long amountTotal = event.number("amount_total");
        return new SessionState(sessionId, nonNull(event.string("status")), nonNull(event.string("payment_status")),
                event.string("payment_intent"), amountTotal == null ? 0 : amountTotal, nonNull(event.string("currency")));
    }

    /** The metadata named no payment: the event's transaction is rolled back and the payment looked up instead. */
    private static final class NotNamedPayment extends RuntimeException {

        NotNamedPayment() {
            super("the metadata's paymentId is no payment of this store", null, false, false);
        }
    }

    private boolean stillExpired(Payment payment, String sessionId) {
        return !providers.named(payment.provider()).fetchSession(sessionId).complete();
    }

    private WebhookOutcome refunded(StripeEvent event) {
        String chargeId = event.string("id");
        String paymentIntent = event.string("payment_intent");
        Payment payment = event.metadataPaymentId().flatMap(payments::find)
                .or(() -> Optional.ofNullable(paymentIntent).flatMap(payments::findByReference))
                .orElseThrow(() -> new PaymentNotYetKnownException("charge " + chargeId + " of payment intent "
                        + paymentIntent + " is not known yet"));
        Long refunded = event.number("amount_refunded");
        long cumulative = refunded == null ? 0 : refunded;
        return once(event, payment.id(), () -> effect(outcomes.refundedByProvider(payment.id(), cumulative,
                paymentIntent, event.id())));
    }

    private WebhookOutcome disputed(StripeEvent event) {
        String disputeId = event.string("id");
        String paymentIntent = event.string("payment_intent");
        Payment payment = Optional.ofNullable(paymentIntent).flatMap(payments::findByReference)
                .orElseThrow(() -> new PaymentNotYetKnownException("dispute " + disputeId + " of payment intent "
                        + paymentIntent + " is not known yet"));
        Long disputed = event.number("amount");
        Money amount = Money.of(disputed == null ? 0 : disputed, nonNull(event.string("currency")).toUpperCase(Locale.ROOT));
        return once(event, payment.id(), () -> effect(outcomes.disputed(payment.id(), amount,
                nonNull(event.string("reason")), event.id())));
    }

    private WebhookOutcome once(StripeEvent event, @Nullable UUID paymentId, Supplier<WebhookOutcome> effect) {
        return events.once(PROVIDER, event.id(), event.type(), paymentId, effect);
    }

    private static WebhookOutcome effect(Effect effect) {
        return WebhookOutcome.of(effect);
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }
}
