package dev.atelier.payment.provider;

import org.jspecify.annotations.Nullable;

/** The provider could not be reached or answered with a server error: the same call may succeed later. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
