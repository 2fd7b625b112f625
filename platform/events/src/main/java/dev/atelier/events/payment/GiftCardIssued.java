package dev.atelier.events.payment;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A gift card bought as a product was issued: one per unit of a gift-card line of a confirmed order, with the line's
 * unit price as its balance. Carries what notification needs to e-mail the card to the buyer ({@code customerEmail}):
 * the full {@code code} (a bearer secret: the only place it travels, never to be logged; payment-service keeps only
 * its hash), {@code last4}, the amount and the expiry. {@code unit} counts the cards of one line from 1.
 */
@EventContract(name = "GiftCardIssued", version = 1, topic = Topics.PAYMENT_PAYMENT)
public record GiftCardIssued(UUID orderId, String orderNumber, UUID giftCardId, UUID lineId, int unit, String code,
        String last4, Money amount, String customerEmail, @Nullable String productName, @Nullable Instant expiresAt,
        Instant issuedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
