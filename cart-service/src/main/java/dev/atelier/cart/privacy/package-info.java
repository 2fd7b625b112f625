/**
 * A customer's data requests (docs/customer-data-requests.md): the export of what the cart holds about them, and
 * their erasure.
 */
@NullMarked
package dev.atelier.cart.privacy;

import org.jspecify.annotations.NullMarked;
