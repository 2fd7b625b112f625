package dev.atelier.inventory.reservation;

/** How far an order's reservation got. HELD is the only state that still holds stock. */
enum ReservationStatus {
    HELD, COMMITTED, RELEASED, EXPIRED, REJECTED
}
