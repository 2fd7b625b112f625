package dev.atelier.payment.provider;

import org.jspecify.annotations.Nullable;

/** The provider refused the request itself: the same call would be refused again. */
public class ProviderRejectedException extends RuntimeException {

    public ProviderRejectedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
