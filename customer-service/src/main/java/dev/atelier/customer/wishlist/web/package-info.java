/** The wishlist API under /api/account/wishlist. */
@NullMarked
package dev.atelier.customer.wishlist.web;

import org.jspecify.annotations.NullMarked;
