/** Gift cards: unguessable codes with a check digit, a balance ledger, holds taken at checkout and spent or released. */
@NullMarked
package dev.atelier.payment.giftcard;

import org.jspecify.annotations.NullMarked;
