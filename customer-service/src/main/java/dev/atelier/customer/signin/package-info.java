/** Signing in: password and second factor checks, lockout with back-off per account and per IP, the sign-in record. */
@NullMarked
package dev.atelier.customer.signin;

import org.jspecify.annotations.NullMarked;
