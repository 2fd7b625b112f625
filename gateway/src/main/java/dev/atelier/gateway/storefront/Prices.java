package dev.atelier.gateway.storefront;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Money as a shopper reads it ({@code £12.99}), for the templates: {@code ${@prices.format(product.price)}}. */
@Component("prices")
public class Prices {

    public String format(Object money) {
        if (!(money instanceof Map<?, ?> map) || !(map.get("amount") instanceof Number amount)) {
            return "";
        }
        Object code = map.get("currency");
        Currency currency = Currency.getInstance(code == null ? "GBP" : code.toString());
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
        format.setCurrency(currency);
        return format.format(BigDecimal.valueOf(amount.longValue(), currency.getDefaultFractionDigits()));
    }

    public long amount(Object money) {
        return money instanceof Map<?, ?> map && map.get("amount") instanceof Number amount ? amount.longValue() : 0;
    }
}
