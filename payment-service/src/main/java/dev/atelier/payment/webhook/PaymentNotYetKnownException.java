package dev.atelier.payment.webhook;

/**
 * A verified event about a charge this service cannot place yet (its checkout completion has not arrived): nothing is
 * written and the provider is asked to deliver it again later, which Stripe does for days.
 */
public class PaymentNotYetKnownException extends RuntimeException {

    public PaymentNotYetKnownException(String message) {
        super(message);
    }
}
