/** Contracts published by payment-service. */
@NullMarked
package dev.atelier.events.payment;

import org.jspecify.annotations.NullMarked;
