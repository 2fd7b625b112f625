/** What inventory learns from catalog-service's events: every sellable SKU and every bundle's components. */
@NullMarked
package dev.atelier.inventory.catalog;

import org.jspecify.annotations.NullMarked;
