package dev.atelier.customer.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Browser;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.account.Customer;
import dev.atelier.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** The gateway's sign-in, played over HTTP: authorization code with PKCE, token, a resource server's check, refresh. */
@CustomerTest
class OidcFlowTest {

    static final String REDIRECT = "http://gateway.test/login/oauth2/code/atelier";

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    SigningKeys keys;

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
        Tokens tokens = signIn(new Browser(port), shopper.email(), Accounts.PASSWORD);

        Jwt access = resourceServer().decode(tokens.accessToken());
        assertThat(access.getSubject()).isEqualTo(shopper.id().toString());
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd");
        assertThat(access.getIssuer().toString()).isEqualTo("http://localhost:" + port);
        Jwt id = resourceServer().decode(tokens.idToken());
        assertThat(id.getClaimAsString("email")).isEqualTo(shopper.email());

        JsonNode refreshed = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
        Jwt renewed = resourceServer().decode(refreshed.path("access_token").asString());
        assertThat(renewed.getSubject()).isEqualTo(shopper.id().toString());
        assertThat(renewed.getClaimAsStringList("amr")).containsExactly("pwd");
        assertThat(refreshed.path("refresh_token").asString()).isNotEqualTo(tokens.refreshToken());

        JsonNode reused = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
        assertThat(reused.path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeIsRefusedWithoutTheMatchingVerifier() {
        Customer shopper = accounts.anActiveCustomer(Accounts.uniqueEmail("pkce"));
        Browser browser = new Browser(port);
        String verifier = verifier();
        String code = authorize(browser, shopper.email(), Accounts.PASSWORD, verifier);
        JsonNode answer = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier()));
        assertThat(answer.path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void tokensSignedBeforeARotationStillValidateAndNewOnesUseTheNewKey() {
        Customer shopper = accounts.anActiveCustomer(Accounts.uniqueEmail("rotation"));
        Tokens before = signIn(new Browser(port), shopper.email(), Accounts.PASSWORD);
        String oldKid = keys.current().getKeyID();

        keys.rotateNow();

        Tokens after = signIn(new Browser(port), shopper.email(), Accounts.PASSWORD);
        JwtDecoder decoder = resourceServer();
        assertThat(decoder.decode(before.accessToken()).getHeaders().get("kid")).isEqualTo(oldKid);
        assertThat(decoder.decode(after.accessToken()).getHeaders().get("kid")).isNotEqualTo(oldKid)
                .isEqualTo(keys.current().getKeyID());
        assertThat(json(new Browser(port).get("/oauth2/jwks").body()).path("keys").size()).isGreaterThanOrEqualTo(2);
    }

    record Tokens(String accessToken, String refreshToken, String idToken) {
    }

    Tokens signIn(Browser browser, String email, String password) {
        String verifier = verifier();
        String code = authorize(browser, email, password, verifier);
        JsonNode tokens = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        return new Tokens(tokens.path("access_token").asString(), tokens.path("refresh_token").asString(),
                tokens.path("id_token").asString());
    }

    /** The browser's part: authorize, sign in on the page, come back with a code. */
    static String authorize(Browser browser, String email, String password, String verifier) {
        String state = verifier().substring(0, 16);
        String authorize = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", "gateway")
                .queryParam("redirect_uri", REDIRECT).queryParam("scope", "openid profile")
                .queryParam("state", state).queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256").encode().build().toUriString();
        HttpResponse<String> toLogin = browser.get(authorize);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> signedIn = browser.submit("/login", "/login", Map.of("email", email, "password", password));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> back = browser.follow(signedIn);
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT);
        var query = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
        assertThat(query.getFirst("state")).isEqualTo(state);
        return query.getFirst("code");
    }

    JsonNode tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString("gateway:gateway-test-secret".getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A resource server's view: keys from the JWKS endpoint, issuer and time checked. */
    JwtDecoder resourceServer() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("http://localhost:" + port));
        return decoder;
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        return EventJson.mapper().readTree(body);
    }
}
