/**
 * Fulfilment of paid orders, line by line: production, parcels with carrier and tracking, delivery; the order's
 * status follows from its lines. Also the admin's view and search of orders, and the shipping-label exchange.
 */
@NullMarked
package dev.atelier.order.fulfilment;

import org.jspecify.annotations.NullMarked;
