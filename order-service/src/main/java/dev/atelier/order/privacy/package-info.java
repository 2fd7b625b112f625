/**
 * A customer's data requests (docs/customer-data-requests.md): the export of their orders, and their erasure, which
 * keeps the orders for accounting with every personal detail replaced.
 */
@NullMarked
package dev.atelier.order.privacy;

import org.jspecify.annotations.NullMarked;
