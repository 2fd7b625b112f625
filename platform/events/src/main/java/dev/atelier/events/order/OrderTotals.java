package dev.atelier.events.order;

import dev.atelier.events.Money;

/**
 * How an order's total is made up, as the cart priced it: subtotal of the lines, minus the discount, plus
 * shipping and gift wrap; prices are VAT-inclusive and {@code tax} is the VAT included in {@code total}.
 */
public record OrderTotals(Money subtotal, Money discount, Money shipping, Money giftWrap, Money tax, Money total) {
}
