package dev.atelier.notification;

import dev.atelier.events.Money;
import dev.atelier.events.cart.AbandonedLine;
import dev.atelier.events.cart.CartAbandoned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Carts as cart-service describes them when they are abandoned. */
public final class Carts {

    private Carts() {
    }

    /** A cart holding one personalised mug, at step 1, 2 or 3 of the recovery sequence (3 with its coupon). */
    public static CartAbandoned anAbandonedCartAtStep(UUID cartId, int step, String email) {
        boolean coupon = step == 3;
        return new CartAbandoned(cartId, email, null, step, List.of(new AbandonedLine("MUG-XMAS-001",
                        "Personalised Christmas Mug", 1, Money.gbp(1299), "https://atelier.example/media/mug.png",
                        Map.of("name", "Hannah"), 3L)), Money.gbp(1299), coupon ? "COMEBACK-7KQ2-M9XD" : null,
                coupon ? Money.gbp(130) : null, coupon ? Instant.parse("2026-12-11T23:59:00Z") : null, Instant.now());
    }
}
