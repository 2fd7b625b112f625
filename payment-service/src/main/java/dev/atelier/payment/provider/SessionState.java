package dev.atelier.payment.provider;

import org.jspecify.annotations.Nullable;

/**
 * A session as the provider reports it, in Stripe's vocabulary: {@code status} is {@code open}, {@code complete} or
 * {@code expired}; {@code paymentStatus} is {@code paid}, {@code unpaid} or {@code no_payment_required}.
 */
public record SessionState(String sessionId, String status, String paymentStatus, @Nullable String paymentReference,
        long amountTotal, String currency) {

    public boolean complete() {
        return "complete".equals(status);
    }

    public boolean paid() {
        return complete() && !"unpaid".equals(paymentStatus);
    }

    public boolean expired() {
        return "expired".equals(status);
    }
}
