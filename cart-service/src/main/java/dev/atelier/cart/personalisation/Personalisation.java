package dev.atelier.cart.personalisation;

import dev.atelier.events.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a line's personalisation needs from catalog-service before it goes into a cart. */
public interface Personalisation {

    /**
     * Catalog's verdict on the shopper's values for a SKU.
     *
     * @throws UnknownSkuException when catalog does not know the SKU
     * @throws CatalogUnavailableException when catalog does not answer in time, answers with an error, or has
     *     failed so often lately that it is not asked for a while
     */
    Verdict validate(String sku, Map<String, String> values);

    /** One problem with one option's value. */
    record OptionError(String key, String message) {
    }

    /**
     * Catalog's answer: the values as it normalised them, the price they add to a unit, the options' labels (for a
     * readable summary) and, when not valid, what is wrong with which option.
     */
    record Verdict(boolean valid, Map<String, String> values, Optional<Money> priceDelta, Map<String, String> labels,
            List<OptionError> errors) {

        public Verdict {
            values = Map.copyOf(values);
            labels = Map.copyOf(labels);
            errors = List.copyOf(errors);
        }
    }
}
