/** customer-service: accounts and sign-in (the OAuth2/OIDC authorization server), staff second factor, customer data. */
@NullMarked
package dev.atelier.customer;

import org.jspecify.annotations.NullMarked;
