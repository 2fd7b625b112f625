/** What the storefront reads most, kept rendered between the writes that change it. */
@NullMarked
package dev.atelier.catalog.storefront;

import org.jspecify.annotations.NullMarked;
