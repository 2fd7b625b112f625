package dev.atelier.customer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Access tokens signed by this server's current key, shaped as its sign-in issues them, for API tests that are not
 * about signing in (OidcFlowTest and StaffSecondFactorTest get theirs through the real flow).
 */
@Component
public class Tokens {

    private final JwtEncoder encoder;

    Tokens(JwtEncoder encoder) {
        this.encoder = encoder;
    }

    public String customer(UUID id) {
        return mint(id, List.of("CUSTOMER"), List.of("pwd"));
    }

    public String staff(UUID id) {
        return mint(id, List.of("CUSTOMER", "STAFF"), List.of("otp", "pwd"));
    }

    public String admin(UUID id) {
        return mint(id, List.of("ADMIN", "CUSTOMER", "STAFF"), List.of("otp", "pwd"));
    }

    public String staffWithoutSecondFactor(UUID id) {
        return mint(id, List.of("CUSTOMER", "STAFF"), List.of("pwd"));
    }

    public String mint(UUID subject, List<String> roles, List<String> amr) {
        return mint(encoder, subject, roles, amr, Instant.now());
    }

    /** A customer's token that expired five minutes ago (beyond any clock skew a validator allows). */
    public String expiredCustomer(UUID id) {
        return mint(encoder, id, List.of("CUSTOMER"), List.of("pwd"), Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** A customer's token shaped like ours but signed by a key this server never published. */
    public String forgedCustomer(UUID id) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                    .keyID("forged").build();
            JwtEncoder forger = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
            return mint(forger, id, List.of("CUSTOMER"), List.of("pwd"), Instant.now());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mint(JwtEncoder with, UUID subject, List<String> roles, List<String> amr, Instant issuedAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject.toString()).issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofMinutes(5))).claim("roles", new ArrayList<>(roles))
                .claim("amr", new ArrayList<>(amr)).build();
        return with.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }
}
