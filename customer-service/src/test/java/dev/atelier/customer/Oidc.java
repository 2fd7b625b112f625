package dev.atelier.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** The gateway's side of the OIDC flow, over HTTP: authorize with PKCE, exchange the code, refresh, validate. */
public final class Oidc {

    public static final String REDIRECT = "http://gateway.test/login/oauth2/code/atelier";
    private static final String CLIENT = "gateway:gateway-test-secret";

    private final int port;

    public Oidc(int port) {
        this.port = port;
    }

    /** Tokens as the token endpoint answered them. */
    public record Tokens(String accessToken, String refreshToken, String idToken) {
    }

    /** An authorization request in progress: where to send the browser, and the PKCE verifier to finish with. */
    public record Authorization(String url, String state, String verifier) {
    }

    public Authorization start() {
        String verifier = randomToken();
        String state = randomToken().substring(0, 16);
        String url = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", "gateway")
                .queryParam("redirect_uri", REDIRECT).queryParam("scope", "openid profile")
                .queryParam("state", state).queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256").encode().build().toUriString();
        return new Authorization(url, state, verifier);
    }

    /** Signs in with a password (and a code for staff) and returns the tokens. */
    public Tokens signIn(Browser browser, Map<String, String> loginForm) {
        Authorization authorization = start();
        HttpResponse<String> toLogin = browser.get(authorization.url());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> signedIn = browser.submit("/login", "/login", loginForm);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return finish(authorization, browser.follow(signedIn));
    }

    /** Reads the code from the redirect back to the gateway and exchanges it. */
    public Tokens finish(Authorization authorization, HttpResponse<String> redirectToGateway) {
        String location = redirectToGateway.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT);
        var query = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
        assertThat(query.getFirst("state")).isEqualTo(authorization.state());
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", query.getFirst("code"),
                "redirect_uri", REDIRECT, "code_verifier", authorization.verifier()));
        assertThat(tokens.path("token_type").asString()).as(tokens.toString()).isEqualTo("Bearer");
        return new Tokens(tokens.path("access_token").asString(), tokens.path("refresh_token").asString(),
                tokens.path("id_token").asString());
    }

    public JsonNode token(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    CLIENT.getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A resource server's view: keys from the JWKS endpoint, issuer and expiry checked. */
    public JwtDecoder resourceServer() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("http://localhost:" + port));
        return decoder;
    }

    public Jwt validate(String token) {
        return resourceServer().decode(token);
    }

    public static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
