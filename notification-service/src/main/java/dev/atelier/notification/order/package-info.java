/** Order, payment and shipping mail, from a read model of the order's events. */
@NullMarked
package dev.atelier.notification.order;

import org.jspecify.annotations.NullMarked;
