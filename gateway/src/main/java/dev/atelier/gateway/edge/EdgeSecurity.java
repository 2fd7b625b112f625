package dev.atelier.gateway.edge;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * Who may do what at the edge, and the browser protections: {@code /api/admin/**} and {@code /admin/**} need a
 * STAFF or ADMIN who signed in with a second factor (checked here and again by the service), {@code /account}
 * a signed-in shopper ({@link SignIn}: sign-in at customer-service, the session server-side, sign-out at
 * {@code POST /signout} ends both sessions); state-changing
 * browser requests carry the CSRF token, except JSON calls (no cross-site form can send
 * {@code application/json}; {@link Origins} checks where they come from), bearer-token calls, signed provider
 * webhooks, the sandbox's pay and decline buttons (they stand in for the provider's page), and the one-click
 * unsubscribe and newsletter confirmation (a mail client posts them; the signed token in the link is their guard). Frame, referrer,
 * permissions and HSTS headers here; the Content-Security-Policy with its nonce in {@link ContentSecurityPolicy}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurity {

    static final Set<String> STAFF_ROLES = Set.of("ROLE_STAFF", "ROLE_ADMIN");
    static final String SECOND_FACTOR = "AMR_otp";

    @Bean
    SecurityWebFilterChain edgeFilterChain(ServerHttpSecurity http, EdgeProperties edge,
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository authorizedClients,
            CartHandOver carts) {
        RedirectServerAuthenticationSuccessHandler back = new RedirectServerAuthenticationSuccessHandler("/account");
        OidcClientInitiatedServerLogoutSuccessHandler signedOut =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/admin/**", "/admin", "/admin/**").access(staffWithSecondFactor())
                        .pathMatchers("/account", "/account/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2Login(login -> login
                        .authorizationRequestResolver(SignIn.authorizationRequests(registrations))
                        .authenticationManager(SignIn.authenticationManager())
                        .authorizedClientRepository(authorizedClients)
                        .authenticationSuccessHandler((exchange, authentication) -> carts
                                .handOver(exchange.getExchange(), authentication)
                                .then(back.onAuthenticationSuccess(exchange, authentication)))
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler(
                                "/?signin=failed")))
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .logoutSuccessHandler(signedOut))
                .csrf(csrf -> csrf
                        .requireCsrfProtectionMatcher(EdgeSecurity::needsCsrfToken)
                        .accessDeniedHandler(EdgeSecurity::denied)
                        .csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(csrfTokenFromFormsAndMultipartForms()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(signInFirst())
                        .accessDeniedHandler(EdgeSecurity::denied))
                .headers(headers -> {
                    headers.frameOptions(frame -> frame.mode(Mode.DENY));
                    headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
                    headers.permissionsPolicy(permissions -> permissions.policy(
                            "camera=(), microphone=(), geolocation=(), usb=(), payment=(self)"));
                    if (edge.secure()) {
                        headers.hsts(hsts -> hsts.maxAge(java.time.Duration.ofDays(365)).includeSubdomains(true));
                    } else {
                        headers.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable);
                    }
                })
                .build();
    }

    /**
     * A page asks the browser to sign in (and comes back after it); an API call gets a 401 problem, since a script
     * cannot follow a sign-in page.
     */
    private static ServerAuthenticationEntryPoint signInFirst() {
        ServerAuthenticationEntryPoint page = new RedirectServerAuthenticationEntryPoint(SignIn.START);
        ServerAuthenticationEntryPoint api = (exchange, e) -> EdgeProblems.write(exchange, EdgeProblems.problem(
                HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                "sign in to use this part of the store"), null);
        return (exchange, e) -> exchange.getRequest().getPath().value().startsWith("/api/")
                ? api.commence(exchange, e) : page.commence(exchange, e);
    }

    private static Mono<Void> denied(org.springframework.web.server.ServerWebExchange exchange,
            org.springframework.security.access.AccessDeniedException e) {
        return EdgeProblems.write(exchange, e instanceof CsrfException
                ? EdgeProblems.problem(HttpStatus.FORBIDDEN, "csrf", "Missing or wrong CSRF token",
                        "this form has expired or did not come from the store; reload the page and try again")
                : EdgeProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your account may not do this"),
                null);
    }

    /**
     * Spring Security's default (the masked token, against BREACH), which also reads the token from a multipart
     * form: the product page posts one when a photo goes with the line and the page's script is off. Reading the
     * form's fields there costs nothing extra: the body limit has already been checked, and the page handler reads
     * the same parsed parts.
     */
    private static XorServerCsrfTokenRequestAttributeHandler csrfTokenFromFormsAndMultipartForms() {
        XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setTokenFromMultipartDataEnabled(true);
        return handler;
    }

    private static ReactiveAuthorizationManager<AuthorizationContext> staffWithSecondFactor() {
        return (authentication, context) -> authentication
                .map(EdgeSecurity::isStaffWithSecondFactor)
                .defaultIfEmpty(false)
                .map(AuthorizationDecision::new);
    }

    static boolean isStaffWithSecondFactor(Authentication authentication) {
        if (!authentication.isAuthenticated()) {
            return false;
        }
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
        return authorities.contains(SECOND_FACTOR) && authorities.stream().anyMatch(STAFF_ROLES::contains);
    }

    static Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfToken(
            org.springframework.web.server.ServerWebExchange exchange) {
        return needsCsrfToken(exchange.getRequest()) ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    static boolean needsCsrfToken(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
                || HttpMethod.TRACE.equals(method)) {
            return false;
        }
        String path = request.getPath().value();
        if (path.startsWith("/webhooks/") || path.matches("/pay/sandbox/[^/]+/(pay|decline)")
                || path.equals("/unsubscribe") || path.equals("/subscriptions/confirm")) {
            return false;
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        MediaType type = request.getHeaders().getContentType();
        return type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().endsWith("+json"));
    }
}
