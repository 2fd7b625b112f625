package dev.atelier.order.checkout;

import java.util.UUID;

/**
 * An order's row changed in a transaction of this replica (published inside it; listeners that must only see what
 * was committed listen after commit). The wait page's stream uses it to send the change at once instead of at its
 * next poll.
 */
public record OrderChanged(UUID orderId) {
}
