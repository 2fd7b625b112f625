package dev.atelier.payment.provider;

import dev.atelier.events.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a provider needs to open a session for an order; the same values on every retry, key included (Stripe refuses
 * a key reused with other parameters). The lines add up to {@code amount}.
 */
public record SessionRequest(UUID paymentId, UUID orderId, String orderNumber, Money amount, String customerEmail,
        List<SessionLine> lines, String successUrl, String cancelUrl, Instant expiresAt, String idempotencyKey) {

    public SessionRequest {
        lines = List.copyOf(lines);
    }

    /** A line on the provider's page: a name, a quantity and a unit amount in minor units of the payment's currency. */
    public record SessionLine(String name, long quantity, long unitAmount) {
    }
}
