package dev.atelier.customer.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in with Google (OIDC, authorization code), on the sign-in pages' filter chain when {@code atelier.google} has a
 * client id: {@code /oauth2/authorization/google} sends the browser to Google, {@code /login/oauth2/code/google}
 * takes it back. Once {@link GoogleAccounts} has found or made the account, the sign-in is stored in the session as
 * the password sign-in's is (our customer id, its roles, the factor proved), so the authorization server issues the
 * same tokens ({@code amr} = {@code fed}) and the flow continues where it was going.
 */
@Component
public class GoogleSignIn {

    public static final String START_PATH = "/oauth2/authorization/" + GoogleAccounts.PROVIDER;

    private static final Logger log = LoggerFactory.getLogger(GoogleSignIn.class);

    private final GoogleProperties properties;
    private final GoogleAccounts accounts;
    private final SignInLog signIns;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    GoogleSignIn(GoogleProperties properties, GoogleAccounts accounts, SignInLog signIns) {
        this.properties = properties;
        this.accounts = accounts;
        this.signIns = signIns;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** Adds Google sign-in to the chain of the sign-in pages, when configured; otherwise leaves it as it is. */
    public void configure(HttpSecurity http) {
        if (!enabled()) {
            return;
        }
        AuthenticationFailureHandler failure = failureHandler();
        http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(new LazyRegistration(properties))
                // Google's own tokens are not kept beyond the session: nothing here calls Google on the user's behalf
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(accounts))
                .successHandler(successHandler())
                .failureHandler(failure)
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        // Google's discovery document unreachable: back to the page with a message, not a 500
                        filter.setAuthenticationFailureHandler(failure);
                        return filter;
                    }
                }));
    }

    private AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler continueWhereLeft = new SavedRequestAwareAuthenticationSuccessHandler();
        return (HttpServletRequest request, HttpServletResponse response, Authentication google) -> {
            // keep only our roles and the factors: the authorization server stores the sign-in as JSON with an
            // allow-list of types, which Google's principal is not on
            Map<String, GrantedAuthority> authorities = new LinkedHashMap<>();
            google.getAuthorities().stream()
                    .filter(a -> a.getAuthority().startsWith("ROLE_") || a.getAuthority().startsWith("FACTOR_"))
                    .forEach(a -> authorities.putIfAbsent(a.getAuthority(), a));
            UsernamePasswordAuthenticationToken ours = UsernamePasswordAuthenticationToken.authenticated(
                    google.getName(), null, new ArrayList<>(authorities.values()));
            SignInRequest details = SignInRequest.of(request);
            ours.setDetails(new WebAuthenticationDetails(details.ip(), null));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(ours);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            String email = google.getPrincipal() instanceof OidcUser user && user.getEmail() != null ? user.getEmail() : "";
            signIns.record(UUID.fromString(google.getName()), email, details, SignInResult.SUCCESS);
            continueWhereLeft.onAuthenticationSuccess(request, response, ours);
        };
    }

    private AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            SignInRequest details = SignInRequest.of(request);
            String reason;
            if (exception instanceof GoogleAccounts.Refused refused) {
                reason = refused.reason();
                signIns.record(refused.customerId(), refused.email(), details, refused.result());
            } else {
                reason = "google";
                log.warn("Google sign-in did not complete: {}", exception.getMessage());
                signIns.record(null, "", details, SignInResult.PROVIDER_FAILED);
            }
            response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
        };
    }

    /**
     * Google's registration, built on first use: with an issuer, from its discovery document (so that the service
     * starts and serves password sign-in while the provider is unreachable, and tries again at the next sign-in).
     */
    static final class LazyRegistration implements ClientRegistrationRepository {

        private final GoogleProperties properties;
        private volatile @Nullable ClientRegistration registration;

        LazyRegistration(GoogleProperties properties) {
            this.properties = properties;
        }

        @Override
        public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
            if (!GoogleAccounts.PROVIDER.equals(registrationId)) {
                return null;
            }
            ClientRegistration known = registration;
            if (known == null) {
                synchronized (this) {
                    known = registration;
                    if (known == null) {
                        known = build();
                        registration = known;
                    }
                }
            }
            return known;
        }

        private ClientRegistration build() {
            ClientRegistration.Builder builder = properties.issuerUri().isBlank()
                    ? CommonOAuth2Provider.GOOGLE.getBuilder(GoogleAccounts.PROVIDER)
                    : ClientRegistrations.fromOidcIssuerLocation(properties.issuerUri())
                            .registrationId(GoogleAccounts.PROVIDER).clientName("Google");
            builder.clientId(properties.clientId()).clientSecret(properties.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .redirectUri(properties.redirectUri()).scope(List.copyOf(properties.scopes()))
                    .userNameAttributeName("sub");
            set(properties.authorizationUri(), builder::authorizationUri);
            set(properties.tokenUri(), builder::tokenUri);
            set(properties.jwkSetUri(), builder::jwkSetUri);
            set(properties.userInfoUri(), builder::userInfoUri);
            return builder.build();
        }

        private static void set(String value, java.util.function.Consumer<String> setter) {
            if (!value.isBlank()) {
                setter.accept(value);
            }
        }
    }
}
