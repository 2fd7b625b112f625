/** Personalisation of a line, as catalog-service validates it. */
@NullMarked
package dev.atelier.cart.personalisation;

import org.jspecify.annotations.NullMarked;
