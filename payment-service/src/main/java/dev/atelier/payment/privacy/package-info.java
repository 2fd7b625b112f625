/** Customers' data requests: the export of what payment-service holds about them, and their erasure. */
@NullMarked
package dev.atelier.payment.privacy;

import org.jspecify.annotations.NullMarked;
