/** Returns of delivered lines within 30 days: request, decision, receipt (restock or write-off) and refund. */
@NullMarked
package dev.atelier.order.returns;

import org.jspecify.annotations.NullMarked;
