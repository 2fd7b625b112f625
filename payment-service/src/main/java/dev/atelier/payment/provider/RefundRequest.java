package dev.atelier.payment.provider;

import dev.atelier.events.Money;

/** Give back {@code amount} of the payment the provider knows as {@code paymentReference}. */
public record RefundRequest(String paymentReference, Money amount, String reason, String idempotencyKey) {
}
