package dev.atelier.payment.checkout;

import dev.atelier.events.Money;
import dev.atelier.payment.provider.SessionRequest.SessionLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A payment row as read: the order it is for, its provider session and what the provider reported. */
public record Payment(UUID id, UUID orderId, String orderNumber, String method, String provider, Money amount,
        long giftCardAmount,
        String customerEmail, String successUrl, String cancelUrl, List<SessionLine> lines, PaymentStatus status, String idempotencyKey, @Nullable String sessionId,
        @Nullable String redirectUrl, @Nullable Instant expiresAt, @Nullable String providerReference,
        @Nullable Long paidAmount, @Nullable String paidCurrency, long refundedAmount, long providerRefunded,
        boolean orderCancelled, boolean disputed, @Nullable String failureReason, int openAttempts, Instant createdAt,
        Instant updatedAt) {

    /** What the order is paid with in all: the provider's part and the gift card's. */
    public Money orderAmount() {
        return new Money(amount.minor() + giftCardAmount, amount.currency());
    }

    /** What is left to refund: taken minus refunded, before refunds still in flight. */
    public long refundable() {
        return paidAmount == null ? 0 : paidAmount - refundedAmount;
    }
}
