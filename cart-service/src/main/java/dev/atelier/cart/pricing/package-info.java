/** The one pricing engine: subtotal, discount, shipping, gift wrap, VAT included, total, in minor units. */
@NullMarked
package dev.atelier.cart.pricing;

import org.jspecify.annotations.NullMarked;
