/** The shopper's cart API (cookie {@code cart_id}) and the internal API other services call. */
@NullMarked
package dev.atelier.cart.cart.web;

import org.jspecify.annotations.NullMarked;
