package dev.atelier.customer.signin;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused for a reason the page explains (the reason is the query parameter the page reads). */
class SignInRefused extends AuthenticationException {

    private final String reason;
    private final Duration retryAfter;

    SignInRefused(String reason, Duration retryAfter) {
        super("sign-in refused: " + reason);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    SignInRefused(String reason) {
        this(reason, Duration.ZERO);
    }

    String reason() {
        return reason;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
