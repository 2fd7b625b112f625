package dev.atelier.cart.pricing;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.pricing.*}: the figures the pricing engine works with, all in minor units of {@code currency}.
 *
 * @param currency the store's currency; every price in a cart is in it
 * @param giftWrap the price of gift wrap for an order (VAT included)
 * @param vatRates VAT rate per tax class, in basis points ({@code STANDARD: 2000} is 20%)
 * @param shipping the shipping options and their rates
 */
@ConfigurationProperties("atelier.pricing")
public record PricingProperties(
        @DefaultValue("GBP") Currency currency,
        @DefaultValue("350") long giftWrap,
        Map<String, Integer> vatRates,
        Shipping shipping) {

    public PricingProperties {
        vatRates = Map.copyOf(vatRates);
    }

    /** The options a shopper chooses from, by name ({@code standard}, {@code express}). */
    public record Shipping(Map<String, Option> options) {

        public Shipping {
            options = Map.copyOf(options);
        }
    }

    /**
     * One shipping option: its rates, and the goods' value (after discount) from which it is free ({@code null}:
     * never free).
     */
    public record Option(@Nullable Long freeAbove, List<Rate> rates) {

        public Option {
            rates = List.copyOf(rates);
        }
    }

    /**
     * A weight band for some destinations: parcels up to {@code upToGrams} ({@code null}: any weight) going to one
     * of {@code countries} (ISO codes, or {@code *} for anywhere not listed elsewhere) cost {@code price}.
     */
    public record Rate(List<String> countries, @Nullable Long upToGrams, long price) {

        public Rate {
            countries = List.copyOf(countries);
        }
    }
}
