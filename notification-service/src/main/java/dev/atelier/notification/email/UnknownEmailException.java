package dev.atelier.notification.email;

import java.util.UUID;

/** No e-mail of the log has this id. */
public class UnknownEmailException extends RuntimeException {

    public UnknownEmailException(UUID id) {
        super("no e-mail " + id + " in the log");
    }
}
