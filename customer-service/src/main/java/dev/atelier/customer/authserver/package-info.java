/** The OAuth2/OIDC authorization server: security chains, registered clients, signing keys and their rotation, token claims. */
@NullMarked
package dev.atelier.customer.authserver;

import org.jspecify.annotations.NullMarked;
