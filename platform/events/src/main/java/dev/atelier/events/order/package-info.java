/** Contracts published by order-service. */
@NullMarked
package dev.atelier.events.order;

import org.jspecify.annotations.NullMarked;
