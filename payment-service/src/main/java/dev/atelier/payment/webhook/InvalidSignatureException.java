package dev.atelier.payment.webhook;

/** A webhook whose signature does not verify: answered 400, nothing written. */
public class InvalidSignatureException extends RuntimeException {

    public InvalidSignatureException(String message) {
        super(message);
    }
}
