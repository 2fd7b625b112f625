package dev.atelier.gateway.edge;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway signs shoppers and staff in as customer-service's OAuth2 client: authorization code with PKCE, the
 * ID token checked against customer-service's keys, the tokens kept in the server-side session (never in the
 * browser), refreshed when they expire, and relayed to the services as a bearer token. The token's {@code roles}
 * and {@code amr} become {@code ROLE_x} and {@code AMR_x} authorities, which the admin guard reads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class SignIn {

    static final String REGISTRATION = "atelier";
    /** Where a "Sign in" link points: Spring Security starts the authorization request there. */
    static final String START = "/oauth2/authorization/" + REGISTRATION;
    /** The query parameter of a "Create an account" link: {@code /oauth2/authorization/atelier?signup}. */
    static final String SIGN_UP = "signup";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(SignInProperties signIn, ServiceLocations locations) {
        String issuer = signIn.issuerWithoutSlash();
        String backChannel = locations.of("customer").toString().replaceAll("/$", "");
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Atelier")
                .clientId(signIn.clientId())
                .clientSecret(signIn.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(issuer)
                .authorizationUri(issuer + "/oauth2/authorize")
                .tokenUri(backChannel + "/oauth2/token")
                .jwkSetUri(backChannel + "/oauth2/jwks")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /** The tokens live in the session, so they are wherever the session is (its database), not in one JVM. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
                registrations, authorizedClients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }

    /**
     * PKCE on every authorization request, although the gateway also holds a secret. A "Create an account" link
     * ({@value #START}{@code ?signup}) asks for {@code prompt=create} (OpenID Connect's "Initiating User
     * Registration"), so that customer-service shows its sign-up page rather than the sign-in page, and the new
     * shopper comes back signed in through the same flow.
     */
    static ServerOAuth2AuthorizationRequestResolver authorizationRequests(
            ReactiveClientRegistrationRepository registrations) {
        DefaultServerOAuth2AuthorizationRequestResolver signIn =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        signIn.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        DefaultServerOAuth2AuthorizationRequestResolver signUp =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        signUp.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                .andThen(request -> request.additionalParameters(parameters -> parameters.put("prompt", "create"))));
        return new ServerOAuth2AuthorizationRequestResolver() {
            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                return (wantsSignUp(exchange) ? signUp : signIn).resolve(exchange);
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String clientRegistrationId) {
                return (wantsSignUp(exchange) ? signUp : signIn).resolve(exchange, clientRegistrationId);
            }
        };
    }

    private static boolean wantsSignUp(ServerWebExchange exchange) {
        return exchange.getRequest().getQueryParams().containsKey(SIGN_UP);
    }

    static ReactiveAuthenticationManager authenticationManager() {
        OidcAuthorizationCodeReactiveAuthenticationManager manager =
                new OidcAuthorizationCodeReactiveAuthenticationManager(
                        new WebClientReactiveAuthorizationCodeTokenResponseClient(),
                        new OidcReactiveOAuth2UserService());
        manager.setAuthoritiesMapper(SignIn::authorities);
        return manager;
    }

    /** Adds {@code ROLE_<role>} for each of the ID token's {@code roles} and {@code AMR_<method>} for its {@code amr}. */
    static Collection<? extends GrantedAuthority> authorities(Collection<? extends GrantedAuthority> granted) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>(granted);
        for (GrantedAuthority authority : granted) {
            if (authority instanceof OidcUserAuthority oidc) {
                Map<String, Object> claims = oidc.getIdToken().getClaims();
                strings(claims.get("roles")).forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                strings(claims.get("amr")).forEach(method -> mapped.add(new SimpleGrantedAuthority("AMR_" + method)));
            }
        }
        return mapped;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim instanceof String value ? List.of(value) : List.of();
    }
}
