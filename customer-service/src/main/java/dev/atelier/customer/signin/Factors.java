package dev.atelier.customer.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The authentication methods a sign-in proved, carried as Spring Security 7's factor authorities (with the time
 * each was proved, which the ID token's {@code auth_time} reads). They survive in the authorization server's stored
 * authorizations, refresh included, and end up in the tokens' {@code amr} claim as RFC 8176 values.
 */
public final class Factors {

    static final String TOTP_AUTHORITY = "FACTOR_TOTP";
    // "fed": signed in through an upstream identity provider (Google); RFC 8176 has no value for it
    private static final Map<String, String> AMR = Map.of(
            FactorGrantedAuthority.PASSWORD_AUTHORITY, "pwd",
            TOTP_AUTHORITY, "otp",
            FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY, "fed");

    private Factors() {
    }

    static GrantedAuthority passwordNow() {
        return FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY);
    }

    /** An upstream identity provider's authorization code flow, completed now. */
    static GrantedAuthority federatedNow() {
        return FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY);
    }

    /** A time-based one-time password (or a recovery code standing in for it), proved now. */
    public static GrantedAuthority oneTimePasswordNow() {
        return FactorGrantedAuthority.fromAuthority(TOTP_AUTHORITY);
    }

    /** The {@code amr} values of a sign-in's authorities, in a stable order. */
    public static List<String> amr(Collection<? extends GrantedAuthority> authorities) {
        List<String> amr = new ArrayList<>();
        for (GrantedAuthority authority : authorities) {
            String value = AMR.get(authority.getAuthority());
            if (value != null && !amr.contains(value)) {
                amr.add(value);
            }
        }
        amr.sort(null);
        return amr;
    }
}
