package dev.atelier.customer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Google's OIDC endpoints as WireMock plays them, one server per test JVM: the discovery document, the JWKS with a
 * test key, and per sign-in the authorization endpoint's redirect back with a code, the token endpoint's answer (an
 * ID token signed by the test key, carrying the nonce of that authorization request) and user info.
 */
public final class GoogleStub {

    public static final String CLIENT_ID = "google-test-client";
    public static final String CLIENT_SECRET = "google-test-secret";
    private static final RSAKey KEY = generateKey("google-test-key");
    private static final WireMockServer SERVER = start();

    private GoogleStub() {
    }

    /** Who Google says signed in. */
    public record GoogleUser(String subject, String email, boolean emailVerified, String name) {
    }

    public static String issuer() {
        return "http://localhost:" + SERVER.port();
    }

    /**
     * Plays Google's side of one sign-in whose authorization request is {@code authorizationUrl} (where our server
     * sent the browser): the authorization endpoint answers with a redirect back to {@code redirectUri} carrying a
     * code, for which the token endpoint hands out an ID token about {@code user}, signed by {@code signer}.
     */
    public static void willSignIn(String authorizationUrl, GoogleUser user, RSAKey signer) {
        Map<String, String> query = query(authorizationUrl);
        String state = query.get("state");
        String code = "code-" + UUID.randomUUID();
        String accessToken = "ya29." + UUID.randomUUID();
        SERVER.stubFor(get(urlPathEqualTo("/o/oauth2/v2/auth")).withQueryParam("state", equalTo(state))
                .willReturn(aResponse().withStatus(302).withHeader("Location", query.get("redirect_uri") + "?code="
                        + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8))));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(user.subject())
                .audience(List.of(CLIENT_ID)).claim("azp", CLIENT_ID).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).claim("nonce", query.get("nonce"))
                .claim("email", user.email()).claim("email_verified", user.emailVerified()).claim("name", user.name())
                .build();
        String idToken = sign(claims, signer);
        SERVER.stubFor(post(urlPathEqualTo("/token")).withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                .withRequestBody(containing("code=" + code)).willReturn(okJson("""
                        {"access_token": "%s", "token_type": "Bearer", "expires_in": 3599,
                         "scope": "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile",
                         "id_token": "%s"}""".formatted(accessToken, idToken))));
        SERVER.stubFor(get(urlPathEqualTo("/v1/userinfo")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("""
                        {"sub": "%s", "email": "%s", "email_verified": %s, "name": "%s"}"""
                        .formatted(user.subject(), user.email(), user.emailVerified(), user.name()))));
    }

    /** The key Google signs with, as its JWKS publishes it. */
    public static RSAKey googlesKey() {
        return KEY;
    }

    /** A key Google never published (a forged ID token). */
    public static RSAKey anotherKey() {
        return generateKey("google-test-key");
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        String issuer = "http://localhost:" + server.port();
        server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/o/oauth2/v2/auth", "token_endpoint": "%1$s/token",
                 "userinfo_endpoint": "%1$s/v1/userinfo", "jwks_uri": "%1$s/oauth2/v3/certs",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email", "profile"],
                 "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
                 "claims_supported": ["aud", "email", "email_verified", "exp", "iat", "iss", "name", "sub"]}"""
                .formatted(issuer))));
        server.stubFor(get(urlPathEqualTo("/oauth2/v3/certs"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        return server;
    }

    private static RSAKey generateKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String url) {
        var params = org.springframework.web.util.UriComponentsBuilder.fromUriString(url).build().getQueryParams();
        Map<String, String> decoded = new java.util.HashMap<>();
        params.forEach((name, values) -> decoded.put(name,
                java.net.URLDecoder.decode(values.getFirst(), StandardCharsets.UTF_8)));
        return decoded;
    }

    /** Points the application's Google sign-in at this server. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("google-stub", Map.of(
                    "atelier.google.client-id", CLIENT_ID,
                    "atelier.google.client-secret", CLIENT_SECRET,
                    "atelier.google.issuer-uri", issuer())));
        }
    }
}
