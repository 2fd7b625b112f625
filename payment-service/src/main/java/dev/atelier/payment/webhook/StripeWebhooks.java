package dev.atelier.payment.webhook;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import dev.atelier.events.Money;
import dev.atelier.payment.checkout.Payment;
import dev.atelier.payment.checkout.PaymentOutcomes;
import dev.atelier.payment.checkout.PaymentOutcomes.Effect;
import dev.atelier.payment.checkout.Payments;
import dev.atelier.payment.provider.PaymentProviders;
import dev.atelier.payment.provider.SessionState;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stripe's webhooks (and the sandbox's, which have the same shape and scheme): the signature is checked over the raw
 * body with a tolerance of 300 s, then the event is applied in one transaction with the row that records its id, so
 * that a replay, however many at once, finds the id and changes nothing.
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

    StripeWebhooks(PaymentProviders providers, Payments payments, PaymentOutcomes outcomes, ProviderEvents events,
            MeterRegistry meters) {
        this.providers = providers;
        this.payments = payments;
        this.outcomes = outcomes;
        this.events = events;
        this.meters = meters;
        warmUp();
    }

    /**
     * Verifies and reads one made-up event before the service takes traffic. stripe-java initialises its Gson
     * adapters and its event-type lookup on first use, which loads some hundred classes: when the first webhooks
     * arrive together on virtual threads, they wait on those class initialisations pinned to their carriers, and
     * on a busy machine the first deliveries stalled past the sender's timeout (seen in the benchmark's warm-up).
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
            Event event = Webhook.constructEvent(payload, Webhook.Signature.generateSignatureHeader(payload, secret,
                    java.time.Instant.now().getEpochSecond()), secret, TOLERANCE_SECONDS);
            object(event);
        } catch (SignatureVerificationException | java.security.GeneralSecurityException | RuntimeException e) {
            // only a warm-up: the first real webhook pays the cost instead
            log.debug("Stripe parser warm-up failed: {}", e.toString());
        }
    }

    /**
     * Verifies the signature against every secret in use and parses the event.
     *
     * @throws InvalidSignatureException when no secret verifies it, or the signed body is not an event
     */
    public Event verify(String payload, @Nullable String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidSignatureException("no Stripe-Signature header");
        }
        String reason = null;
        for (String secret : providers.stripeWebhookSecrets()) {
            try {
                return Webhook.constructEvent(payload, signatureHeader, secret, TOLERANCE_SECONDS);
            } catch (SignatureVerificationException e) {
                // the secret that matched but found the signature too old says more than the ones that did not match
                if (reason == null || e.getMessage().startsWith("Timestamp")) {
                    reason = e.getMessage();
                }
            } catch (RuntimeException e) {
                // gson's parse error: the signature held but the body is no event
                throw new InvalidSignatureException("the signed body is not a Stripe event");
            }
        }
        throw new InvalidSignatureException(reason == null ? "no webhook secret is configured" : reason);
    }

    /** Applies a verified event once. */
    public WebhookOutcome handle(Event event) {
        String type = event.getType();
        WebhookOutcome outcome = switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded",
                 "checkout.session.async_payment_failed", "checkout.session.expired" -> session(event, type);
            case "charge.refunded" -> refunded(event);
            case "charge.dispute.created" -> disputed(event);
            default -> once(event, null, () -> WebhookOutcome.IGNORED);
        };
        meters.counter("atelier.payment.webhooks", "type", type, "outcome", outcome.name()).increment();
        return outcome;
    }

    private WebhookOutcome session(Event event, String type) {
        Session session = (Session) object(event);
        Optional<Payment> payment = metadataPaymentId(session.getMetadata()).flatMap(payments::find)
                .or(() -> payments.findBySession(session.getId()));
        if (payment.isEmpty()) {
            log.warn("Stripe event {} ({}) is about session {}, which is not one of this store's", event.getId(), type,
                    session.getId());
            return once(event, null, () -> WebhookOutcome.IGNORED);
        }
        UUID paymentId = payment.get().id();
        SessionState state = new SessionState(session.getId(), nonNull(session.getStatus()),
                nonNull(session.getPaymentStatus()), session.getPaymentIntent(),
                session.getAmountTotal() == null ? 0 : session.getAmountTotal(), nonNull(session.getCurrency()));
        if ("checkout.session.expired".equals(type) && payment.get().status().awaitingMoney()
                && !stillExpired(payment.get(), session.getId())) {
            // an expiry delivered after the completion it preceded: the provider says the session was completed
            return once(event, paymentId, () -> WebhookOutcome.STALE);
        }
        return once(event, paymentId, () -> effect(switch (type) {
            case "checkout.session.completed" -> outcomes.sessionCompleted(paymentId, state, event.getId());
            case "checkout.session.async_payment_succeeded" -> outcomes.asyncSucceeded(paymentId, state, event.getId());
            case "checkout.session.async_payment_failed" -> outcomes.asyncFailed(paymentId, event.getId());
            default -> outcomes.sessionExpired(paymentId, event.getId());
        }));
    }

    private boolean stillExpired(Payment payment, String sessionId) {
        return !providers.named(payment.provider()).fetchSession(sessionId).complete();
    }

    private WebhookOutcome refunded(Event event) {
        Charge charge = (Charge) object(event);
        Payment payment = metadataPaymentId(charge.getMetadata()).flatMap(payments::find)
                .or(() -> Optional.ofNullable(charge.getPaymentIntent()).flatMap(payments::findByReference))
                .orElseThrow(() -> new PaymentNotYetKnownException("charge " + charge.getId() + " of payment intent "
                        + charge.getPaymentIntent() + " is not known yet"));
        long cumulative = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        return once(event, payment.id(), () -> effect(outcomes.refundedByProvider(payment.id(), cumulative,
                charge.getPaymentIntent(), event.getId())));
    }

    private WebhookOutcome disputed(Event event) {
        Dispute dispute = (Dispute) object(event);
        Payment payment = Optional.ofNullable(dispute.getPaymentIntent()).flatMap(payments::findByReference)
                .orElseThrow(() -> new PaymentNotYetKnownException("dispute " + dispute.getId() + " of payment intent "
                        + dispute.getPaymentIntent() + " is not known yet"));
        Money amount = Money.of(dispute.getAmount() == null ? 0 : dispute.getAmount(),
                nonNull(dispute.getCurrency()).toUpperCase(Locale.ROOT));
        return once(event, payment.id(), () -> effect(outcomes.disputed(payment.id(), amount,
                nonNull(dispute.getReason()), event.getId())));
    }

    private WebhookOutcome once(Event event, @Nullable UUID paymentId, Supplier<WebhookOutcome> effect) {
        return events.once(PROVIDER, event.getId(), event.getType(), paymentId, effect);
    }

    private static WebhookOutcome effect(Effect effect) {
        return WebhookOutcome.of(effect);
    }

    private static StripeObject object(Event event) {
        EventDataObjectDeserializer data = event.getDataObjectDeserializer();
        try {
            // an event of another API version than the library's is read as far as its fields match
            return data.getObject().isPresent() ? data.getObject().get() : data.deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new InvalidSignatureException("event " + event.getId() + " carries no readable object: " + e.getMessage());
        }
    }

    private static Optional<UUID> metadataPaymentId(@Nullable Map<String, String> metadata) {
        if (metadata == null || metadata.get("paymentId") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(metadata.get("paymentId")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }
}
