package dev.atelier.events.marketplace;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.ShippingAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A buyer paid for an order on a marketplace ({@code marketplace} is {@code EBAY}): order-service turns it into an
 * order that is already paid and takes its stock through the checkout saga. {@code externalId} is the marketplace's
 * order id, unique per marketplace; {@code total} is what the buyer paid, shipping included.
 */
@EventContract(name = "MarketplaceOrderReceived", version = 1, topic = Topics.MARKETPLACE_EBAY)
public record MarketplaceOrderReceived(UUID importId, String marketplace, String externalId, String buyerEmail,
        List<MarketplaceLine> lines, Money shipping, Money total, ShippingAddress shippingAddress, Instant paidAt,
        @Nullable String buyerUsername) implements DomainEvent {

    public MarketplaceOrderReceived {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return externalId;
    }
}
