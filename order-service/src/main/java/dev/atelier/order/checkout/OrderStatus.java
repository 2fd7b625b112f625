package dev.atelier.order.checkout;

/** Where an order stands, as the shopper and the back-office see it. */
public enum OrderStatus {
    PLACED, AWAITING_PAYMENT, PAID, PROCESSING, SHIPPED, DELIVERED, CANCELLED, REFUNDED;

    /** Paid and not given back: the workshop's part has begun or may begin. */
    public boolean isPaid() {
        return this == PAID || this == PROCESSING || this == SHIPPED || this == DELIVERED;
    }

    /** Before the money is taken: the shopper may still cancel. */
    public boolean isBeforePayment() {
        return this == PLACED || this == AWAITING_PAYMENT;
    }
}
