/** Coupons: terms, the checkout saga's redemption step (never over-used), release and issue of single-use codes. */
@NullMarked
package dev.atelier.cart.coupon;

import org.jspecify.annotations.NullMarked;
