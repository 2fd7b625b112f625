package dev.atelier.customer.totp;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atelier.admin.*}: the first ADMIN, created at start when no account has this e-mail yet. Production passes
 * the three values as secrets for the first start and removes them afterwards; locally a demo admin is configured.
 *
 * @param totpSecret base32 TOTP secret, enrolled as is (the operator puts it in an authenticator app)
 */
@ConfigurationProperties("atelier.admin")
record AdminProperties(@Nullable String email, @Nullable String password, @Nullable String totpSecret) {

    boolean isConfigured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank()
                && totpSecret != null && !totpSecret.isBlank();
    }
}
