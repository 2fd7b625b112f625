package dev.atelier.customer.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Oidc;
import dev.atelier.customer.account.Customer;
import dev.atelier.events.EventJson;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

/** The gateway's sign-in, played over HTTP: authorization code with PKCE, token, a resource server's check, refresh. */
@CustomerTest
class OidcFlowTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    SigningKeys keys;

    Oidc oidc;

    @BeforeEach
    void gateway() {
        oidc = new Oidc(port);
    }

    @Test
    void discoveryNamesTheEndpointsAndTheKeys() {
        Browser browser = new Browser(port);
        JsonNode discovery = json(browser.get("/.well-known/openid-configuration").body());
        assertThat(discovery.path("issuer").asString()).isEqualTo("http://localhost:" + port);
        assertThat(discovery.path("jwks_uri").asString()).endsWith("/oauth2/jwks");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");
        JsonNode jwks = json(browser.get("/oauth2/jwks").body());
        assertThat(jwks.path("keys").size()).isGreaterThanOrEqualTo(1);
        assertThat(jwks.path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.toString()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void aShopperSignsInThroughTheGatewayAndRefreshes() {
        Customer shopper = accounts.anActiveCustomer(Accounts.uniqueEmail("hannah"));
        Oidc.Tokens tokens = oidc.signIn(new Browser(port), login(shopper));

        Jwt access = oidc.validate(tokens.accessToken());
        assertThat(access.getSubject()).isEqualTo(shopper.id().toString());
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd");
        assertThat(access.getIssuer().toString()).isEqualTo("http://localhost:" + port);
        Jwt id = oidc.validate(tokens.idToken());
        assertThat(id.getClaimAsString("email")).isEqualTo(shopper.email());

        JsonNode refreshed = oidc.token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
        Jwt renewed = oidc.validate(refreshed.path("access_token").asString());
        assertThat(renewed.getSubject()).isEqualTo(shopper.id().toString());
        assertThat(renewed.getClaimAsStringList("amr")).containsExactly("pwd");
        assertThat(refreshed.path("refresh_token").asString()).isNotEqualTo(tokens.refreshToken());

        JsonNode reused = oidc.token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
        assertThat(reused.path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeIsRefusedWithoutTheMatchingVerifier() {
        Customer shopper = accounts.anActiveCustomer(Accounts.uniqueEmail("pkce"));
        Browser browser = new Browser(port);
        Oidc.Authorization authorization = oidc.start();
        browser.get(authorization.url());
        var back = browser.follow(browser.submit("/login", "/login", login(shopper)));
        String code = org.springframework.web.util.UriComponentsBuilder
                .fromUriString(back.headers().firstValue("Location").orElseThrow()).build().getQueryParams()
                .getFirst("code");
        JsonNode answer = oidc.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", Oidc.REDIRECT, "code_verifier", Oidc.randomToken()));
        assertThat(answer.path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void tokensSignedBeforeARotationStillValidateAndNewOnesUseTheNewKey() {
        Customer shopper = accounts.anActiveCustomer(Accounts.uniqueEmail("rotation"));
        Oidc.Tokens before = oidc.signIn(new Browser(port), login(shopper));
        String oldKid = keys.current().getKeyID();

        keys.rotateNow();

        Oidc.Tokens after = oidc.signIn(new Browser(port), login(shopper));
        JwtDecoder decoder = oidc.resourceServer();
        assertThat(decoder.decode(before.accessToken()).getHeaders().get("kid")).isEqualTo(oldKid);
        assertThat(decoder.decode(after.accessToken()).getHeaders().get("kid")).isNotEqualTo(oldKid)
                .isEqualTo(keys.current().getKeyID());
        assertThat(json(new Browser(port).get("/oauth2/jwks").body()).path("keys").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aLockedAccountCannotRefresh() {
        Customer shopper = accounts.anActiveCustomer(Accounts.uniqueEmail("locked"));
        Oidc.Tokens tokens = oidc.signIn(new Browser(port), login(shopper));
        accounts.lock(shopper.id());
        JsonNode refused = oidc.token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
        assertThat(refused.path("error").asString()).isEqualTo("invalid_grant");
    }

    private static Map<String, String> login(Customer customer) {
        return Map.of("email", customer.email(), "password", Accounts.PASSWORD);
    }

    static JsonNode json(String body) {
        return EventJson.mapper().readTree(body);
    }
}
