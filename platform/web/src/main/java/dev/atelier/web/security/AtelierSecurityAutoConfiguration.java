package dev.atelier.web.security;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a service a resource server of customer-service's access tokens (customer-service/README.md, "What it does"):
 * {@code /api/account/**} needs a customer's token, {@code /api/admin/**} a STAFF or ADMIN token whose {@code amr}
 * has {@code otp}; every other path keeps the service's own rules (this chain does not match them). Tokens are
 * checked against the JWKS at {@code atelier.security.jwk-set-uri} (keys cached, refetched for an unknown key id);
 * no session, no cookie, so no CSRF on these paths. A service opts in by having Spring Security's resource server
 * on its classpath ({@code spring-boot-starter-oauth2-resource-server}).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class, JwtAuthenticationConverter.class})
@ConditionalOnProperty(prefix = "atelier.security", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResourceServerProperties.class)
public class AtelierSecurityAutoConfiguration {

    /** Before a service's own chains (customer-service's sign-in pages match every path). */
    public static final int API_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    public static final String ACCOUNT_PATHS = "/api/account/**";
    public static final String ADMIN_PATHS = "/api/admin/**";

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder atelierJwtDecoder(ResourceServerProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.jwksTimeout());
        requests.setReadTimeout(properties.jwksTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .restOperations(new RestTemplate(requests)).build();
        OAuth2TokenValidator<Jwt> validator = properties.issuer() == null || properties.issuer().isBlank()
                ? new JwtTimestampValidator()
                : new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                        new JwtIssuerValidator(properties.issuer()));
        decoder.setJwtValidator(validator);
        return decoder;
    }

    @Bean
    @Order(API_CHAIN_ORDER)
    SecurityFilterChain atelierApiSecurity(HttpSecurity http, JwtDecoder decoder) throws Exception {
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new TokenAuthorities());
        http.securityMatcher(ACCOUNT_PATHS, ADMIN_PATHS)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(ACCOUNT_PATHS).hasRole(Caller.CUSTOMER)
                        .requestMatchers(ADMIN_PATHS).access(staffWithSecondFactor())
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(SecurityProblems.unauthenticated())
                        .accessDeniedHandler(SecurityProblems.forbidden())
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(SecurityProblems.tokenFailures());
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(SecurityProblems.unauthenticated())
                        .accessDeniedHandler(SecurityProblems.forbidden()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable());
        return http.build();
    }

    @Bean
    WebMvcConfigurer atelierCallerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    static AuthorizationManager<RequestAuthorizationContext> staffWithSecondFactor() {
        return (authentication, context) -> {
            Authentication caller = authentication.get();
            boolean staff = false;
            boolean secondFactor = false;
            if (caller != null && caller.isAuthenticated()) {
                for (GrantedAuthority authority : caller.getAuthorities()) {
                    String name = authority.getAuthority();
                    staff |= ("ROLE_" + Caller.STAFF).equals(name) || ("ROLE_" + Caller.ADMIN).equals(name);
                    secondFactor |= TokenAuthorities.SECOND_FACTOR.equals(name);
                }
            }
            return new AuthorizationDecision(staff && secondFactor);
        };
    }
}
