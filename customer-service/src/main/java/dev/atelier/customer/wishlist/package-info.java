/** A customer's wishlist, priced from this service's copy of catalog's sellable variants. */
@NullMarked
package dev.atelier.customer.wishlist;

import org.jspecify.annotations.NullMarked;
