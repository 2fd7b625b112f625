package dev.atelier.cart.cart;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A cart as stored, with its lines in the order they were added. */
public record Cart(UUID id, CartStatus status, long version, @Nullable UUID customerId, @Nullable String email,
        @Nullable String couponCode, Gift gift, @Nullable UUID orderId, Instant lastActivityAt, List<CartLine> lines) {

    /** At most this many lines in a cart (the database's slots 1..10 enforce it too). */
    public static final int MAX_LINES = 10;
    /** At most this many units on a line (a CHECK constraint enforces it too). */
    public static final int MAX_QUANTITY = 10;

    public Cart {
        lines = List.copyOf(lines);
    }

    /** The shopper's gift choices; {@code message} is plain text of at most {@link #MAX_MESSAGE} characters. */
    public record Gift(boolean wrap, @Nullable String message, boolean hidePrices) {

        public static final int MAX_MESSAGE = 200;
        public static final Gift NONE = new Gift(false, null, false);
    }

    Optional<CartLine> line(UUID lineId) {
        return lines.stream().filter(l -> l.id().equals(lineId)).findFirst();
    }

    Optional<CartLine> line(String sku, String personalisationKey) {
        return lines.stream().filter(l -> l.sku().equals(sku) && l.personalisationKey().equals(personalisationKey))
                .findFirst();
    }

    /** The lowest free slot, if the cart has room for another line. */
    Optional<Integer> freeSlot() {
        for (int slot = 1; slot <= MAX_LINES; slot++) {
            int candidate = slot;
            if (lines.stream().noneMatch(l -> l.slot() == candidate)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }
}
