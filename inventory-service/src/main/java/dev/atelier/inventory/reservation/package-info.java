/** The checkout's reservations: reserve, commit, release and expire, idempotent per order. */
@NullMarked
package dev.atelier.inventory.reservation;

import org.jspecify.annotations.NullMarked;
