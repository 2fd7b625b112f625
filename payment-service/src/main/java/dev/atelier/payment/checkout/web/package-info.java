/** The back-office's payment API: a payment's records, refunds and webhooks per order, and refunds on request. */
@NullMarked
package dev.atelier.payment.checkout.web;

import org.jspecify.annotations.NullMarked;
