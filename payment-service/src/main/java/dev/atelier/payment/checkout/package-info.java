/** A payment's life: the session opened on PaymentRequested, the provider's reports applied to it, refunds, cancellation. */
@NullMarked
package dev.atelier.payment.checkout;

import org.jspecify.annotations.NullMarked;
