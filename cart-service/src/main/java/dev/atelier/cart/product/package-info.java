/** The read model of what can be sold, fed by catalog's product events and inventory's stock levels. */
@NullMarked
package dev.atelier.cart.product;

import org.jspecify.annotations.NullMarked;
