/**
 * Makes a service a resource server of customer-service's tokens: {@code /api/account/**} for customers (the
 * token's subject), {@code /api/admin/**} for staff with a second factor; 401 and 403 as problem+json.
 */
@NullMarked
package dev.atelier.web.security;

import org.jspecify.annotations.NullMarked;
