package dev.atelier.customer.authserver;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.identity.*}: who this authorization server is and whom it serves.
 *
 * @param issuer the issuer URL written into tokens and discovery, which resource servers check; blank: the URL the
 *     request came to (tests on a random port)
 * @param accessTokenTtl how long an access token is good for (short: a refresh costs one request)
 * @param refreshTokenTtl how long a refresh token is good for; each refresh issues a new one
 * @param clients the first-party clients registered at start (the gateway)
 * @param keys signing key rotation
 */
@ConfigurationProperties("atelier.identity")
record IdentityProperties(
        @DefaultValue("") String issuer,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue List<Client> clients,
        @DefaultValue Keys keys) {

    /**
     * A first-party client: authorization code with PKCE, refresh tokens, no consent screen.
     *
     * @param clientSecret stored hashed; {@code null} would make a public client, which this server does not offer
     */
    record Client(String clientId, String clientSecret, @DefaultValue List<String> redirectUris,
            @DefaultValue List<String> postLogoutRedirectUris) {
    }

    /**
     * @param rotateAfter age at which a new signing key replaces the current one
     * @param keepPublishedFor how long a replaced key stays in the JWKS, so tokens it signed still validate; must
     *     exceed the access token's (and ID token's) lifetime
     * @param checkInterval how often the rotation job looks
     */
    record Keys(@DefaultValue("30d") Duration rotateAfter, @DefaultValue("1d") Duration keepPublishedFor,
            @DefaultValue("1h") Duration checkInterval) {
    }
}
