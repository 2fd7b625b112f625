package dev.atelier.web.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.security.*}: where the tokens' keys are published and who issues them.
 *
 * @param jwkSetUri customer-service's JWKS endpoint
 * @param issuer the expected {@code iss}; blank: not checked (signature and expiry still are)
 * @param jwksTimeout connect and read timeout of fetching the keys (Nimbus' own default, 500 ms, is shorter than a
 *     busy identity service or a starved machine may need; the keys are cached once fetched)
 */
@ConfigurationProperties("atelier.security")
public record ResourceServerProperties(
        @DefaultValue("http://localhost:8088/oauth2/jwks") String jwkSetUri,
        @DefaultValue("") @Nullable String issuer,
        @DefaultValue("5s") Duration jwksTimeout) {
}
