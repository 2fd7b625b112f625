package dev.atelier.catalog.personalisation;

import dev.atelier.events.Money;
import java.util.List;
import java.util.Map;

/**
 * The answer to "may this SKU be personalised so": the values as they will be made (normalised), what they add
 * to the unit price, and every option's problem.
 */
public record Validation(boolean valid, Map<String, String> values, Money priceDelta, List<OptionError> errors) {

    /** What is wrong with one option's value. */
    public record OptionError(String key, String message) {
    }
}
