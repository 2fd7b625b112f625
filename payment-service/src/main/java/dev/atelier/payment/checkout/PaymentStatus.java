package dev.atelier.payment.checkout;

/**
 * Where a payment stands. PENDING: recorded, session not opened yet. OPEN: the shopper can pay. PROCESSING: submitted,
 * the money not confirmed yet (bank debits, Klarna). SUCCEEDED: the money is taken. FAILED, EXPIRED: no money, the
 * session is over. CANCELLED: the order was cancelled before any money. MISMATCH: money taken that does not match the
 * order (never confirmed; refunded if the order is cancelled).
 */
public enum PaymentStatus {
    PENDING, OPEN, PROCESSING, SUCCEEDED, FAILED, EXPIRED, CANCELLED, MISMATCH;

    /** Money was taken. */
    public boolean paid() {
        return this == SUCCEEDED || this == MISMATCH;
    }

    /** The shopper may still pay: a report of payment is expected. */
    public boolean awaitingMoney() {
        return this == PENDING || this == OPEN || this == PROCESSING;
    }
}
