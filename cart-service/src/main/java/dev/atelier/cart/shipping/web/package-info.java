/** The shipping rates admin API. */
@NullMarked
package dev.atelier.cart.shipping.web;

import org.jspecify.annotations.NullMarked;
