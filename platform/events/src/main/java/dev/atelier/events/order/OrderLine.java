package dev.atelier.events.order;

import dev.atelier.events.Money;
import java.util.Map;
import java.util.UUID;

/** One line of an order as the other services see it; personalisation maps option keys to the shopper's values. */
public record OrderLine(UUID lineId, String sku, int quantity, Money unitPrice, Map<String, String> personalisation) {

    public OrderLine {
        personalisation = personalisation == null ? Map.of() : Map.copyOf(personalisation);
    }
}
