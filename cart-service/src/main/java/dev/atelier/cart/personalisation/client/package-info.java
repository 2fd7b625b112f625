/** catalog-service's validation over HTTP, with a timeout and a circuit breaker. */
@NullMarked
package dev.atelier.cart.personalisation.client;

import org.jspecify.annotations.NullMarked;
