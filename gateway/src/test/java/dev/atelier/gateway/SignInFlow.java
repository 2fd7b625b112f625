package dev.atelier.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atelier.gateway.state.SessionConfiguration;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The browser's side of signing in at the gateway, with WireMock ({@link StandIns#CUSTOMER}) playing
 * customer-service's token and key endpoints: start at the gateway, "sign in" at the authorization endpoint (the
 * token request is answered with tokens for the given customer, signed by a test key), come back with the code.
 * Shared by the sign-in tests and the pages a signed-in shopper sees.
 */
public final class SignInFlow {

    /** The path a "Sign in" link points at. */
    public static final String START = "/oauth2/authorization/atelier";
    private static final RSAKey KEY = key();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            // as browsers on cleartext: HTTP/1.1, not the JDK client's h2c upgrade (a request hung once on it)
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String base;

    public SignInFlow(String base) {
        this.base = base;
    }

    /** What the browser holds after signing in. */
    public record SignedIn(String sessionId, String accessToken, String challenge, String location,
            List<String> cookies) {

        public String sessionCookie() {
            return SessionConfiguration.COOKIE + "=" + sessionId;
        }
    }

    /** customer-service's published key (call after {@link StandIns#resetAll()}). */
    public static void publishKeys() {
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/oauth2/jwks"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
    }

    /** A CUSTOMER signed in with a password, the cart hand-over answered. */
    public SignedIn shopper(UUID customerId) throws Exception {
        StandIns.CART.stubFor(post(urlPathEqualTo("/internal/carts/merge"))
                .willReturn(okJson("{\"cartId\":\"" + UUID.randomUUID() + "\",\"conflicts\":[]}")));
        return signIn(customerId, List.of("CUSTOMER"), List.of("pwd"), null);
    }

    public SignedIn signIn(UUID customerId, List<String> roles, List<String> amr, String extraCookie)
            throws Exception {
        publishKeys();
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + START)).GET());
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(StandIns.CUSTOMER.baseUrl() + "/oauth2/authorize?");
        Map<String, String> query = form(authorize.getRawQuery());
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "gateway")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        String startCookie = sessionCookieOf(start);

        String code = "code-" + UUID.randomUUID();
        String accessToken = jwt(customerId, roles, amr, null, "access");
        String idToken = jwt(customerId, roles, amr, query.get("nonce"), "id");
        StandIns.CUSTOMER.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":600,\"refresh_token\":\"refresh-" + code + "\",\"scope\":\"openid profile email\","
                        + "\"id_token\":\"" + idToken + "\"}")));

        String cookies = startCookie + (extraCookie == null ? "" : "; " + extraCookie);
        HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(base + "/login/oauth2/code/atelier?code="
                + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)))
                .header("Cookie", cookies).GET());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String sessionId = sessionCookieOf(back).substring(SessionConfiguration.COOKIE.length() + 1);
        assertThat(sessionId).as("a new session id after sign-in").isNotEqualTo(startCookie.substring(
                SessionConfiguration.COOKIE.length() + 1));
        return new SignedIn(sessionId, accessToken, query.get("code_challenge"),
                back.headers().firstValue("Location").orElseThrow(), back.headers().allValues("Set-Cookie"));
    }

    private static String jwt(UUID customerId, List<String> roles, List<String> amr, String nonce, String kind)
            throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(StandIns.CUSTOMER.baseUrl()).subject(customerId.toString()).audience("gateway")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", new ArrayList<>(roles)).claim("amr", new ArrayList<>(amr))
                .claim("email", "hannah@example.co.uk").claim("name", "Hannah Price").claim("kind", kind)
                .jwtID(UUID.randomUUID().toString());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookieOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(SessionConfiguration.COOKIE + "="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    /** An {@code application/x-www-form-urlencoded} string (or a query) as a map. */
    public static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("gateway-test").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
