package dev.atelier.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.gateway.sign-in.*}: the gateway as customer-service's OAuth2 client. The browser is sent to the
 * {@code issuer} (customer-service's public address) to sign in; the gateway itself redeems the code and reads the
 * keys over the back channel ({@code atelier.services.customer.url}).
 *
 * @param issuer the authorization server's public URL, as written in its tokens
 * @param clientId the gateway's client id there
 * @param clientSecret its secret (from the environment outside local runs)
 */
@ConfigurationProperties("atelier.gateway.sign-in")
public record SignInProperties(
        @DefaultValue("http://localhost:8088") String issuer,
        @DefaultValue("gateway") String clientId,
        @DefaultValue("gateway-local-secret") String clientSecret) {

    String issuerWithoutSlash() {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
