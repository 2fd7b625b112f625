/** cart-service: carts with personalised lines, one pricing engine, coupons, gift options, the abandoned-cart clock. */
@NullMarked
package dev.atelier.cart;

import org.jspecify.annotations.NullMarked;
