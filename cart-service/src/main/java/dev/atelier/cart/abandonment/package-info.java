/** The abandoned-cart clock: the steps of the recovery sequence and which one converted. */
@NullMarked
package dev.atelier.cart.abandonment;

import org.jspecify.annotations.NullMarked;
