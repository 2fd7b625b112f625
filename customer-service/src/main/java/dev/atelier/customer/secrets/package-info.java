/** Sealing secrets at rest (signing keys, TOTP secrets) with a key from configuration. */
@NullMarked
package dev.atelier.customer.secrets;

import org.jspecify.annotations.NullMarked;
