package dev.atelier.cart.pricing;

import dev.atelier.events.Money;
import java.util.List;
import java.util.UUID;

/** A cart line as pricing sees it: the VAT-inclusive unit price (personalisation included) and what it weighs. */
public record PricingLine(UUID lineId, String sku, int quantity, Money unitPrice, String taxClass, long weightGrams,
        List<String> categories) {

    public PricingLine {
        categories = List.copyOf(categories);
    }
}
