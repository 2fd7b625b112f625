package dev.atelier.order.checkout;

/** The state of each step of the checkout saga, kept beside the order's status. */
final class Steps {

    private Steps() {
    }

    /** Inventory's reservation of every line. */
    enum Stock { PENDING, RESERVED, REJECTED, COMMITTED, RELEASED }

    /** Cart-service's redemption of the order's coupon; {@code NONE} when the order has none. */
    enum Coupon { NONE, PENDING, REDEEMED, REJECTED, RELEASED }

    /**
     * Payment-service's part: {@code TAKEN_ELSEWHERE} for marketplace orders, paid before they reach us;
     * {@code REFUND_REQUESTED} for a payment that came after the order was cancelled.
     */
    enum Payment { NOT_REQUESTED, TAKEN_ELSEWHERE, REQUESTED, SESSION_OPEN, PAID, FAILED, REFUND_REQUESTED, REFUNDED }
}
