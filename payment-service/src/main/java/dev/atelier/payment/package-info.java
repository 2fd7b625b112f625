/** payment-service: provider sessions, verified webhooks, refunds and the payment records of every order. */
@NullMarked
package dev.atelier.payment;

import org.jspecify.annotations.NullMarked;
