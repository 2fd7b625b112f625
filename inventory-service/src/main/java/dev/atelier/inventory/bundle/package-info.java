/** Bundles: SKUs sold as one and made of stocked components. */
@NullMarked
package dev.atelier.inventory.bundle;

import org.jspecify.annotations.NullMarked;
