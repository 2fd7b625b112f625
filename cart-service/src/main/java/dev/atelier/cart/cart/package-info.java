/** Carts and their lines: limits, merge at sign-in, gift options, the priced view and the checkout hand-off. */
@NullMarked
package dev.atelier.cart.cart;

import org.jspecify.annotations.NullMarked;
