package dev.atelier.payment.checkout;

import java.util.UUID;

/** No payment has this id. */
public class UnknownPaymentException extends RuntimeException {

    public UnknownPaymentException(UUID paymentId) {
        super("no payment " + paymentId);
    }
}
