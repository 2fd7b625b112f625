package dev.atelier.customer.authserver;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.customer.signin.Factors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What an access token (and ID token) says beyond the standard claims: {@code roles} as they are now (read at each
 * issue, so a refresh after a role change or a lock reflects it), {@code amr} as proved at sign-in ({@code pwd},
 * plus {@code otp} after a second factor), and for ID tokens the e-mail and name. A refresh for an account that is
 * no longer active is refused.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final Customers customers;

    TokenClaims(Customers customers) {
        this.customers = customers;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!access && !id) {
            return;
        }
        Authentication principal = context.getPrincipal();
        Optional<Customer> customer = customerOf(principal);
        if (customer.isEmpty()) {
            return;
        }
        if (customer.get().status() != AccountStatus.ACTIVE) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "the account is no longer active", null));
        }
        // ArrayList: the issued claims are stored as JSON with an allow-list of types, which JDK immutable lists miss
        List<String> roles = new ArrayList<>(customer.get().roles().stream().map(Role::name).sorted().toList());
        List<String> amr = new ArrayList<>(Factors.amr(principal.getAuthorities()));
        context.getClaims().claim("roles", roles).claim("amr", amr);
        if (id) {
            context.getClaims().claim("email", customer.get().email()).claim("name", customer.get().displayName());
        }
    }

    private Optional<Customer> customerOf(Authentication principal) {
        try {
            return customers.byId(UUID.fromString(principal.getName()));
        } catch (IllegalArgumentException notACustomer) {
            return Optional.empty();
        }
    }
}
