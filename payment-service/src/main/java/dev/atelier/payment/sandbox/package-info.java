/** The local stand-in for a card provider: sessions kept here, paid on a page of this service, reported through Stripe-shaped, Stripe-signed webhooks. */
@NullMarked
package dev.atelier.payment.sandbox;

import org.jspecify.annotations.NullMarked;
