package dev.atelier.cart.cart;

/**
 * Where a cart is: OPEN is the only state a shopper changes; CHECKED_OUT once an order was placed for it (reopened
 * when that order is cancelled before payment), ORDERED once the order is paid, MERGED into an account's cart at
 * sign-in, EXPIRED after 30 idle days.
 */
public enum CartStatus {
    OPEN, CHECKED_OUT, ORDERED, MERGED, EXPIRED
}
