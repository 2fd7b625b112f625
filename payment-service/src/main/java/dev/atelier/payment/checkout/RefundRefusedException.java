package dev.atelier.payment.checkout;

/** A refund that cannot be asked for: nothing was taken, or the amount exceeds what is left. */
public class RefundRefusedException extends RuntimeException {

    private final String type;

    public RefundRefusedException(String type, String message) {
        super(message);
        this.type = type;
    }

    /** The problem type, e.g. {@code refund-exceeds-payment}. */
    public String type() {
        return type;
    }
}
