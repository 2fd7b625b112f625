package dev.atelier.customer.signin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.google.*}: sign-in with Google as an upstream identity provider, on only when a client id is set.
 *
 * @param clientId the OAuth client id from Google's console; blank: Google sign-in is off
 * @param clientSecret its secret
 * @param issuerUri when set, the endpoints come from this issuer's OIDC discovery document, fetched on the first
 *     sign-in (so the service starts without reaching Google); blank: Google's published endpoints, each of which the
 *     next settings may replace
 * @param authorizationUri the authorization endpoint (blank: Google's)
 * @param tokenUri the token endpoint (blank: Google's)
 * @param jwkSetUri the keys that sign Google's ID tokens (blank: Google's)
 * @param userInfoUri the user info endpoint (blank: Google's)
 * @param redirectUri where Google sends the browser back; the default is this server as the request reached it
 * @param scopes what is asked of Google: the e-mail and whether Google verified it, and the name
 */
@ConfigurationProperties("atelier.google")
public record GoogleProperties(
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String authorizationUri,
        @DefaultValue("") String tokenUri,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("") String userInfoUri,
        @DefaultValue("{baseUrl}/login/oauth2/code/{registrationId}") String redirectUri,
        @DefaultValue({"openid", "email", "profile"}) List<String> scopes) {

    public boolean enabled() {
        return !clientId.isBlank();
    }
}
