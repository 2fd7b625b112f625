/** The payment providers behind one interface (Stripe Checkout, the local sandbox) and which one serves a payment method. */
@NullMarked
package dev.atelier.payment.provider;

import org.jspecify.annotations.NullMarked;
