package dev.atelier.web.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from the validated access token: a controller of {@code /api/account/**} or {@code /api/admin/**}
 * takes a {@code Caller} parameter and scopes its queries to {@link #customerId()}. Never read from a header.
 */
public record Caller(UUID customerId, Set<String> roles, Set<String> amr) {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String STAFF = "STAFF";
    public static final String ADMIN = "ADMIN";

    static Caller of(Jwt jwt) {
        return new Caller(UUID.fromString(jwt.getSubject()), Set.copyOf(list(jwt, "roles")), Set.copyOf(list(jwt, "amr")));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }

    /** The actor of an admin change, for audit columns: the staff member's account id. */
    public String actor() {
        return "staff:" + customerId;
    }

    private static List<String> list(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
