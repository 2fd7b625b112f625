package dev.atelier.events.cart;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cart with a known e-mail has been idle long enough for step {@code step} (1 after 2 hours, 2 after 24, 3
 * after 72) of the recovery sequence; step 3 carries a freshly issued single-use coupon and its expiry.
 * Notification sends it only to an address that may receive marketing mail.
 */
@EventContract(name = "CartAbandoned", version = 1, topic = Topics.CART_CART)
public record CartAbandoned(UUID cartId, String customerEmail, @Nullable UUID customerId, int step,
        List<AbandonedLine> lines, Money subtotal, @Nullable String couponCode, @Nullable Money couponDiscount,
        @Nullable Instant couponExpiresAt, Instant abandonedAt) implements DomainEvent {

    public CartAbandoned {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return cartId.toString();
    }
}
