package dev.atelier.cart.personalisation;

import java.time.Duration;

/** catalog-service cannot validate now; the caller may try again after {@link #retryAfter()}. */
public class CatalogUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public CatalogUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
