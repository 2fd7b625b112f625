package dev.atelier.notification.dispatch;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Why an e-mail is sent: {@code key} names the cause (an order, a parcel, a cart's step) so that the same template
 * is never used twice for it, and the ids say what the e-mail is about.
 */
public record Cause(String key, @Nullable UUID orderId, @Nullable UUID cartId, @Nullable UUID customerId,
        @Nullable UUID eventId) {

    public static Cause ofOrder(String key, UUID orderId, @Nullable UUID customerId, @Nullable UUID eventId) {
        return new Cause(key, orderId, null, customerId, eventId);
    }
}
