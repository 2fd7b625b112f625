/** Marketing consent and its full history. */
@NullMarked
package dev.atelier.customer.consent;

import org.jspecify.annotations.NullMarked;
