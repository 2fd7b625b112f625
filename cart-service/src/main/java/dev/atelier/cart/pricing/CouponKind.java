package dev.atelier.cart.pricing;

/** What a coupon takes off: a percentage of the eligible goods, a fixed amount of them, or the shipping. */
public enum CouponKind {
    PERCENTAGE, FIXED_AMOUNT, FREE_SHIPPING
}
