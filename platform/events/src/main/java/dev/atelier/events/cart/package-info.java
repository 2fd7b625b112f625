/** cart-service's events on {@code cart.cart}: coupon answers to the checkout saga and abandoned-cart steps. */
@NullMarked
package dev.atelier.events.cart;

import org.jspecify.annotations.NullMarked;
