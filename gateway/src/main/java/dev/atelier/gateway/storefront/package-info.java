/**
 * The shoppers' web store, rendered on the server with Thymeleaf from the services' public APIs (never their
 * databases): browse, product, cart, checkout, the wait for payment and the order page.
 */
@NullMarked
package dev.atelier.gateway.storefront;

import org.jspecify.annotations.NullMarked;
