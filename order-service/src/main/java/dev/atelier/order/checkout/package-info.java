/**
 * The checkout: placing an order from the priced cart, and the saga that takes it through stock, coupon and
 * payment to PAID or to CANCELLED with everything given back.
 */
@NullMarked
package dev.atelier.order.checkout;

import org.jspecify.annotations.NullMarked;
