/** Contracts published by customer-service. */
@NullMarked
package dev.atelier.events.customer;

import org.jspecify.annotations.NullMarked;
