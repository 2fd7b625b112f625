package dev.atelier.payment.provider;

/** The provider could not be reached or answered with a server error: the same call may succeed later. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
