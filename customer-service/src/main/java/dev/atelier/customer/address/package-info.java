/** A customer's saved UK addresses, one of them the default. */
@NullMarked
package dev.atelier.customer.address;

import org.jspecify.annotations.NullMarked;
