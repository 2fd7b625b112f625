package dev.atelier.events.cart;

import dev.atelier.events.Money;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A line of an abandoned cart as the recovery e-mail shows it; {@code available} is the stock left when the step
 * was sent (step 2 says "only 3 left"), {@code null} when not known.
 */
public record AbandonedLine(String sku, String name, int quantity, Money unitPrice, @Nullable String imageUrl,
        Map<String, String> personalisation, @Nullable Long available) {

    public AbandonedLine {
        personalisation = personalisation == null ? Map.of() : Map.copyOf(personalisation);
    }
}
