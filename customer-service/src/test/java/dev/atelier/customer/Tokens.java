package dev.atelier.customer;

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
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject.toString()).issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5))).claim("roles", new ArrayList<>(roles))
                .claim("amr", new ArrayList<>(amr)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }
}
