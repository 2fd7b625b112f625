/** order-service: orders and the checkout saga that turns a priced cart into a paid order. */
@NullMarked
package dev.atelier.order;

import org.jspecify.annotations.NullMarked;
