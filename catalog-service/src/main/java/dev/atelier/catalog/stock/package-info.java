/** What inventory says is available per SKU, kept from its StockLevelChanged events. */
@NullMarked
package dev.atelier.catalog.stock;

import org.jspecify.annotations.NullMarked;
