package dev.atelier.payment.checkout;

import dev.atelier.events.Money;
import dev.atelier.payment.provider.SessionRequest.SessionLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment row as read: the order it is for, its provider session and what the provider reported. The session's
 * lines stay in their stored JSON until asked for ({@link #lines()}): only opening a session needs them, and most
 * reads (every webhook) do not.
 */
public record Payment(UUID id, UUID orderId, String orderNumber, String method, String provider, Money amount,
        long giftCardAmount,
        String customerEmail, String successUrl, String cancelUrl, String lineItemsJson, PaymentStatus status,
        String idempotencyKey, @Nullable String sessionId,
        @Nullable String redirectUrl, @Nullable Instant expiresAt, @Nullable String providerReference,
        @Nullable Long paidAmount, @Nullable String paidCurrency, long refundedAmount, long providerRefunded,
        boolean orderCancelled, boolean disputed, @Nullable String failureReason, int openAttempts, Instant createdAt,
        Instant updatedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SessionLine>> LINES = new TypeReference<>() { };

    /** The lines the provider's page shows, fixed when the payment was recorded. */
    public List<SessionLine> lines() {
        return JSON.readValue(lineItemsJson, LINES);
    }

    /** What the order is paid with in all: the provider's part and the gift card's. */
    public Money orderAmount() {
        return new Money(amount.minor() + giftCardAmount, amount.currency());
    }

    /** What is left to refund: taken minus refunded, before refunds still in flight. */
    public long refundable() {
        return paidAmount == null ? 0 : paidAmount - refundedAmount;
    }
}
