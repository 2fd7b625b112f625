package dev.atelier.payment;

import com.stripe.Stripe;
import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

/** Stripe webhook deliveries as Stripe sends them: the event JSON of API version the library speaks, and its signature. */
public final class StripeEvents {

    private StripeEvents() {
    }

    /** A {@code checkout.session.*} event about a session of this store. */
    public static String sessionEvent(String eventId, String type, String sessionId, UUID paymentId, UUID orderId,
            long amountTotal, String currency, String status, String paymentStatus, String paymentIntent) {
        return envelope(eventId, type, """
                {"id": "%s", "object": "checkout.session", "amount_subtotal": %d, "amount_total": %d,
                 "currency": "%s", "client_reference_id": "%s", "customer_email": "hannah.price@example.co.uk",
                 "livemode": false, "mode": "payment", "payment_intent": %s, "payment_status": "%s", "status": "%s",
                 "metadata": {"orderId": "%s", "paymentId": "%s"}}"""
                .formatted(sessionId, amountTotal, amountTotal, currency, orderId,
                        paymentIntent == null ? "null" : "\"" + paymentIntent + "\"", paymentStatus, status, orderId,
                        paymentId));
    }

    /** {@code charge.refunded}: Stripe reports the cumulative amount refunded on the charge. */
    public static String chargeRefunded(String eventId, String paymentIntent, UUID paymentId, UUID orderId, long amount,
            long amountRefunded) {
        return envelope(eventId, "charge.refunded", """
                {"id": "ch_%s", "object": "charge", "amount": %d, "amount_refunded": %d, "currency": "gbp",
                 "paid": true, "refunded": %s, "payment_intent": "%s", "livemode": false,
                 "metadata": {"orderId": "%s", "paymentId": "%s"}}"""
                .formatted(eventId.substring(4), amount, amountRefunded, amountRefunded >= amount, paymentIntent, orderId,
                        paymentId));
    }

    /** {@code charge.dispute.created}. */
    public static String disputeCreated(String eventId, String paymentIntent, long amount, String reason) {
        return envelope(eventId, "charge.dispute.created", """
                {"id": "dp_%s", "object": "dispute", "amount": %d, "currency": "gbp", "reason": "%s",
                 "status": "needs_response", "charge": "ch_x", "payment_intent": "%s", "livemode": false}"""
                .formatted(eventId.substring(4), amount, reason, paymentIntent));
    }

    public static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String envelope(String eventId, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
                 "data": {"object": %s}}"""
                .formatted(eventId, Stripe.API_VERSION, Instant.now().getEpochSecond(), type, object);
    }

    /** A valid signature header now, with the test's Stripe secret. */
    public static String sign(String payload) {
        return sign(payload, StripeStub.WEBHOOK_SECRET, Instant.now().getEpochSecond());
    }

    public static String sign(String payload, String secret, long timestamp) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
