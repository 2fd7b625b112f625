package dev.atelier.messaging.inbox;

/**
 * An event that no retry can help: no handler, an unknown type or version, a payload that does not parse.
 * It goes straight to the dead-letter topic with this message as the reason.
 */
public class UndeliverableEventException extends RuntimeException {

    public UndeliverableEventException(String message) {
        super(message);
    }

    public UndeliverableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
