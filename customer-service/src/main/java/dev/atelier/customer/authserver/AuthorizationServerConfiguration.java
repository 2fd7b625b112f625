package dev.atelier.customer.authserver;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.atelier.customer.signin.GoogleSignIn;
import dev.atelier.customer.signin.SignInHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Two filter chains: the authorization server's protocol endpoints (authorize, token, JWKS, discovery, user info)
 * and the site (sign-in, sign-up and account pages, the health probes). Clients, authorizations and consents live
 * in this service's database, so that a restart or a second replica keeps every session and refresh token.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    static final String[] PUBLIC_PAGES = {"/login", "/signup", "/signup/**", "/password/**", "/css/**", "/error",
            "/actuator/health/**", "/actuator/info", "/actuator/prometheus"};

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the user info endpoint takes the access token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        signInOrSignUp(), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * A browser that must sign in first goes to the sign-in page, or to the sign-up page when the client asked for
     * {@code prompt=create} (OpenID Connect's "Initiating User Registration": the store's "Create an account"
     * link). Either way the authorization request is kept in the session and resumes after the shopper signed in.
     */
    static AuthenticationEntryPoint signInOrSignUp() {
        AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint signUp = new LoginUrlAuthenticationEntryPoint("/signup");
        return (request, response, exception) -> {
            String prompt = request.getParameter("prompt");
            boolean create = prompt != null && java.util.Arrays.asList(prompt.split(" ")).contains("create");
            (create ? signUp : signIn).commence(request, response, exception);
        };
    }

    @Bean
    @Order(10)
    SecurityFilterChain siteChain(HttpSecurity http, SignInHandlers signIn, GoogleSignIn google) throws Exception {
        // the sign-in check is the application's only AuthenticationProvider bean, hence the global one: registering
        // it on this chain as well would run it twice for every refused attempt (the chain's manager asks its parent)
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email").passwordParameter("password")
                        .authenticationDetailsSource(signIn.detailsSource())
                        .successHandler(signIn.successHandler())
                        .failureHandler(signIn.failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"));
        google.configure(http);
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsents(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (!properties.issuer().isBlank()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    /** Every published key: the JWKS endpoint and the user info endpoint's token check read these. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.published());
    }

    /**
     * Validates this server's own access tokens (user info, and the account and admin APIs that platform/web
     * secures) against the published keys in memory, rather than over HTTP to itself.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /** Signs with the current key only (with several keys to choose from, the encoder would refuse to guess). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current())));
    }
}
