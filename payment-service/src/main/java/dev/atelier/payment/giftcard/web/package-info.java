/** The gift-card endpoints: the shoppers' rate-limited balance check and the admins' issuing. */
@NullMarked
package dev.atelier.payment.giftcard.web;

import org.jspecify.annotations.NullMarked;
