/** Shipping options and rates set by the store through the admin API, over the configured ones. */
@NullMarked
package dev.atelier.cart.shipping;

import org.jspecify.annotations.NullMarked;
