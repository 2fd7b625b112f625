package dev.atelier.testing;

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
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens for service tests, shaped like customer-service's (subject = customer id, {@code roles},
 * {@code amr}) and signed with a key of this JVM whose JWKS is served over HTTP on a local port. Every
 * {@link AtelierTest} context points {@code atelier.security.jwk-set-uri} and {@code atelier.security.issuer} here,
 * so a test only sends {@code Authorization: Bearer} + one of these.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.atelier.test";

    private static volatile TestTokens instance;

    private final RSAKey key;
    private final HttpServer server;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.setExecutor(null);
            server.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("could not start the test JWKS", e);
        }
    }

    /** The JVM's test token issuer, started on first use. */
    public static TestTokens get() {
        TestTokens current = instance;
        if (current == null) {
            synchronized (TestTokens.class) {
                current = instance;
                if (current == null) {
                    current = new TestTokens();
                    instance = current;
                }
            }
        }
        return current;
    }

    public String jwkSetUri() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    /** A signed-in shopper's token. */
    public static String customer(UUID customerId) {
        return get().mint(customerId, List.of("CUSTOMER"), List.of("pwd"), Duration.ofMinutes(10));
    }

    /** A staff member who signed in with password and authenticator code: what /api/admin/** needs. */
    public static String staff() {
        return get().mint(UUID.randomUUID(), List.of("CUSTOMER", "STAFF"), List.of("otp", "pwd"), Duration.ofMinutes(10));
    }

    public static String admin() {
        return get().mint(UUID.randomUUID(), List.of("ADMIN", "CUSTOMER", "STAFF"), List.of("otp", "pwd"),
                Duration.ofMinutes(10));
    }

    /** A staff member who signed in with the password only: refused on /api/admin/**. */
    public static String staffWithoutSecondFactor() {
        return get().mint(UUID.randomUUID(), List.of("CUSTOMER", "STAFF"), List.of("pwd"), Duration.ofMinutes(10));
    }

    /** A token that expired a while ago. */
    public static String expired(UUID customerId) {
        return get().mint(customerId, List.of("CUSTOMER"), List.of("pwd"), Duration.ofMinutes(-10));
    }

    /** Any token: a subject, its roles and factors, a lifetime (negative: already expired beyond clock skew). */
    public String mint(UUID subject, List<String> roles, List<String> amr, Duration lifetime) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(subject.toString()).audience("gateway")
                .issueTime(Date.from(lifetime.isNegative() ? expiresAt.minus(Duration.ofMinutes(10)) : now))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", new ArrayList<>(roles)).claim("amr", new ArrayList<>(amr))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
