/** inventory-service: stock per SKU, the checkout's reservations, bundles, the stock ledger and forecasting. */
@NullMarked
package dev.atelier.inventory;

import org.jspecify.annotations.NullMarked;
