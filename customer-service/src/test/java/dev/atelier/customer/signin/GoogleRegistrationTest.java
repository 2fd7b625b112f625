package dev.atelier.customer.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/** Google's registration from configuration alone (no Spring context, no network): off, Google's own, overridden. */
class GoogleRegistrationTest {

    @Test
    void isOffWithoutAClientId() {
        assertThat(properties("", "").enabled()).isFalse();
        assertThat(properties("  ", "").enabled()).isFalse();
        assertThat(properties("client", "").enabled()).isTrue();
    }

    @Test
    void usesGooglesPublishedEndpointsWithoutReachingThem() {
        ClientRegistration google = new GoogleSignIn.LazyRegistration(properties("client", ""))
                .findByRegistrationId("google");
        assertThat(google).isNotNull();
        assertThat(google.getProviderDetails().getAuthorizationUri()).startsWith("https://accounts.google.com/");
        assertThat(google.getProviderDetails().getJwkSetUri()).startsWith("https://www.googleapis.com/");
        assertThat(google.getProviderDetails().getIssuerUri()).isEqualTo("https://accounts.google.com");
        assertThat(google.getClientId()).isEqualTo("client");
        assertThat(google.getScopes()).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(new GoogleSignIn.LazyRegistration(properties("client", "")).findByRegistrationId("github")).isNull();
    }

    @Test
    void eachEndpointCanBeReplaced() {
        GoogleProperties replaced = new GoogleProperties("client", "secret", "", "https://idp.test/auth",
                "https://idp.test/token", "https://idp.test/keys", "https://idp.test/me",
                "https://shop.test/login/oauth2/code/google", List.of("openid", "email"));
        ClientRegistration google = new GoogleSignIn.LazyRegistration(replaced).findByRegistrationId("google");
        assertThat(google).isNotNull();
        assertThat(google.getProviderDetails().getAuthorizationUri()).isEqualTo("https://idp.test/auth");
        assertThat(google.getProviderDetails().getTokenUri()).isEqualTo("https://idp.test/token");
        assertThat(google.getProviderDetails().getJwkSetUri()).isEqualTo("https://idp.test/keys");
        assertThat(google.getProviderDetails().getUserInfoEndpoint().getUri()).isEqualTo("https://idp.test/me");
        assertThat(google.getRedirectUri()).isEqualTo("https://shop.test/login/oauth2/code/google");
        assertThat(google.getScopes()).containsExactlyInAnyOrder("openid", "email");
    }

    private static GoogleProperties properties(String clientId, String issuer) {
        return new GoogleProperties(clientId, "secret", issuer, "", "", "", "",
                "{baseUrl}/login/oauth2/code/{registrationId}", List.of("openid", "email", "profile"));
    }
}
