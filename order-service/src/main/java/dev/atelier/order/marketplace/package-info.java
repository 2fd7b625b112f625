/** Marketplace orders (eBay) taken in as paid orders of the checkout saga. */
@NullMarked
package dev.atelier.order.marketplace;

import org.jspecify.annotations.NullMarked;
