package dev.atelier.payment.webhook;

/** A webhook whose signature verified but which does not say what its type promises: answered 400, nothing written. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
