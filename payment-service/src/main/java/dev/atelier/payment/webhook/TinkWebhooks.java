package dev.atelier.payment.webhook;

import dev.atelier.payment.checkout.Payment;
import dev.atelier.payment.checkout.PaymentOutcomes;
import dev.atelier.payment.checkout.Payments;
import dev.atelier.payment.provider.ProviderRejectedException;
import dev.atelier.payment.provider.ProviderUnavailableException;
import dev.atelier.payment.provider.TinkPayments;
import dev.atelier.payment.provider.TinkProperties;
import dev.atelier.payment.provider.TinkTransfer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tink's webhooks and the bank return page's status check. A webhook is verified as Tink documents it (header
 * {@code X-Tink-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by the webhook secret>},
 * other keys ignored, compared in constant time, the timestamp within {@code atelier.payment.tink.webhook-tolerance}
 * either way); anything else is refused and nothing written. A {@code payment:updated} event reports one transfer of
 * a payment request; it is applied once under the id {@code <transferId>:<paid|failed|…>}, the same id a status
 * check uses, so that the webhook and the return page's poll never apply one report twice.
 */
@Service
public class TinkWebhooks {

    static final String PROVIDER = "tink";
    static final String PAYMENT_UPDATED = "payment:updated";
    private static final Logger log = LoggerFactory.getLogger(TinkWebhooks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REMEMBERED_CHECKS = 10_000;

    private final TinkProperties properties;
    private final TinkPayments tink;
    private final Payments payments;
    private final PaymentOutcomes outcomes;
    private final ProviderEvents events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs;

    @Autowired
    TinkWebhooks(TinkProperties properties, TinkPayments tink, Payments payments, PaymentOutcomes outcomes,
            ProviderEvents events, MeterRegistry meters) {
        this(properties, tink, payments, outcomes, events, meters, Clock.systemUTC());
    }

    TinkWebhooks(TinkProperties properties, TinkPayments tink, Payments payments, PaymentOutcomes outcomes,
            ProviderEvents events, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.tink = tink;
        this.payments = payments;
        this.outcomes = outcomes;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        String secret = properties.webhookSecret();
        this.macs = secret == null || secret.isBlank() ? ThreadLocal.withInitial(() -> null)
                : ThreadLocal.withInitial(() -> mac(secret));
    }

    /** A verified Tink event: its type and content. */
    public record TinkEvent(String event, JsonNode content) {
    }

    /**
     * Checks the signature over the exact bytes received and reads the event.
     *
     * @throws InvalidSignatureException when the header is missing or malformed, the timestamp is out of tolerance, no
     *     v1 signature matches, or the signed body is not a Tink event
     */
    public TinkEvent verify(byte[] body, @Nullable String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException("no X-Tink-Signature header");
        }
        Mac mac = macs.get();
        if (mac == null) {
            throw new InvalidSignatureException("no Tink webhook secret is configured");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (key.equals("t")) {
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            throw new InvalidSignatureException("the X-Tink-Signature header has no timestamp t");
        }
        if (signatures.isEmpty()) {
            throw new InvalidSignatureException("the X-Tink-Signature header has no v1 signature");
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > properties.webhookTolerance().toSeconds()) {
            throw new InvalidSignatureException("Timestamp outside the tolerance zone (" + age + " s old)");
        }
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        boolean matches = false;
        for (String signature : signatures) {
            matches |= MessageDigest.isEqual(expected, hex(signature));
        }
        if (!matches) {
            throw new InvalidSignatureException("No signatures found matching the expected signature for payload");
        }
        try {
            JsonNode root = JSON.readTree(body);
            String event = root.path("event").asString("");
            if (event.isBlank() || !root.path("content").isObject()) {
                throw new InvalidSignatureException("the signed body is not a Tink event");
            }
            return new TinkEvent(event, root.path("content"));
        } catch (JacksonException e) {
            throw new InvalidSignatureException("the signed body is not a Tink event");
        }
    }

    /** Applies a verified event once. */
    public WebhookOutcome handle(TinkEvent event) {
        WebhookOutcome outcome;
        if (!PAYMENT_UPDATED.equals(event.event())) {
            // other event types carry no payment; nothing to record
            outcome = WebhookOutcome.IGNORED;
        } else {
            TinkTransfer transfer = TinkTransfer.parse(null, event.content())
                    .orElseThrow(() -> new InvalidEventException("a payment:updated event without a readable transfer"));
            Optional<Payment> payment = payments.findBySession(transfer.paymentRequestId())
                    .filter(p -> PROVIDER.equals(p.provider()));
            if (payment.isEmpty()) {
                log.warn("Tink transfer {} is about payment request {}, which is not one of this store's", transfer.id(),
                        transfer.paymentRequestId());
                outcome = events.once(PROVIDER, transfer.eventId(), PAYMENT_UPDATED, null, () -> WebhookOutcome.IGNORED);
            } else {
                outcome = apply(payment.get(), transfer);
            }
        }
        meters.counter("atelier.payment.webhooks", "type", "tink:" + event.event(), "outcome", outcome.name()).increment();
        return outcome;
    }

    /**
     * Where a bank payment stands, for the page Tink Link sends the shopper back to. While no webhook has decided it,
     * Tink is asked (at most once per {@code atelier.payment.tink.status-check-interval} per payment request) and its
     * answer is applied as the webhook would have been.
     *
     * @return empty when no bank payment of this store has that payment request id
     */
    public Optional<Payment> returnStatus(String paymentRequestId) {
        Optional<Payment> found = payments.findBySession(paymentRequestId).filter(p -> PROVIDER.equals(p.provider()));
        if (found.isEmpty() || !found.get().status().awaitingMoney() || !tink.configured() || !dueForCheck(paymentRequestId)) {
            return found;
        }
        try {
            tink.latestTransfer(paymentRequestId).ifPresent(transfer -> apply(found.get(), transfer));
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            log.warn("Could not ask Tink about payment request {}: {}", paymentRequestId, e.getMessage());
        }
        return payments.find(found.get().id());
    }

    private WebhookOutcome apply(Payment payment, TinkTransfer transfer) {
        String eventId = transfer.eventId();
        return events.once(PROVIDER, eventId, PAYMENT_UPDATED, payment.id(), () -> {
            if (transfer.paid()) {
                return WebhookOutcome.of(outcomes.asyncSucceeded(payment.id(), transfer.toSession(), eventId));
            }
            if (transfer.failed()) {
                return WebhookOutcome.of(outcomes.asyncFailed(payment.id(), eventId));
            }
            return WebhookOutcome.of(outcomes.sessionCompleted(payment.id(), transfer.toSession(), eventId));
        });
    }

    private boolean dueForCheck(String paymentRequestId) {
        Instant now = clock.instant();
        if (lastChecked.size() > MAX_REMEMBERED_CHECKS) {
            lastChecked.values().removeIf(at -> at.isBefore(now.minus(properties.statusCheckInterval())));
        }
        Instant previous = lastChecked.get(paymentRequestId);
        if (previous != null && previous.isAfter(now.minus(properties.statusCheckInterval()))) {
            return false;
        }
        lastChecked.put(paymentRequestId, now);
        return true;
    }

    private static byte[] hex(String signature) {
        try {
            return HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
