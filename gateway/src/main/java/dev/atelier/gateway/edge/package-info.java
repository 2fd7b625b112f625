/**
 * The edge every request crosses: routes to the services, circuit breakers and timeouts with problem+json
 * answers, rate limits, security headers and CSRF rules, request ids and access logs.
 */
@NullMarked
package dev.atelier.gateway.edge;

import org.jspecify.annotations.NullMarked;
