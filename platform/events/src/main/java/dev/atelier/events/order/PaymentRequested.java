package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Stock is reserved: the order asks payment-service to open a provider session ({@code card} or {@code bank}).
 * {@code amount} is what the shopper pays; a gift card, when given, is spent first and the provider collects the
 * rest. The provider's page sends the shopper back to {@code successUrl} or {@code cancelUrl}.
 */
@EventContract(name = "PaymentRequested", version = 1, topic = Topics.ORDER_ORDER)
public record PaymentRequested(
        UUID orderId,
        String orderNumber,
        Money amount,
        String paymentMethod,
        String customerEmail,
        Instant requestedAt,
        @Nullable List<OrderLine> lines,
        @Nullable OrderTotals totals,
        @Nullable String giftCardCode,
        @Nullable String successUrl,
        @Nullable String cancelUrl) implements DomainEvent {

    public PaymentRequested {
        lines = lines == null ? null : List.copyOf(lines);
    }

    /** Without the optional details (lines and totals for the provider's page, gift card, return URLs). */
    public PaymentRequested(UUID orderId, String orderNumber, Money amount, String paymentMethod,
            String customerEmail, Instant requestedAt) {
        this(orderId, orderNumber, amount, paymentMethod, customerEmail, requestedAt, null, null, null, null, null);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
