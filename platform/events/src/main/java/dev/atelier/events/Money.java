package dev.atelier.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: minor units (pence, cents) and an ISO 4217 currency; never a floating point.
 * On the wire it reads {@code {"amount": 1299, "currency": "GBP"}}.
 */
public record Money(@JsonProperty("amount") long minor, Currency currency) {

    public static final Currency GBP = Currency.getInstance("GBP");

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public static Money gbp(long minor) {
        return new Money(minor, GBP);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minor, factor), currency);
    }

    // not a wire field: Jackson would otherwise write it as "negative" beside amount and currency
    @JsonIgnore
    public boolean isNegative() {
        return minor < 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + minor;
    }
}
