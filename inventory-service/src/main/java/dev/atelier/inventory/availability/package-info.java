/** What the storefront may promise: available units of SKUs and whole bundles. */
@NullMarked
package dev.atelier.inventory.availability;

import org.jspecify.annotations.NullMarked;
