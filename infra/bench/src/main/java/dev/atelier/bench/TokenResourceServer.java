package dev.atelier.bench;

import dev.atelier.testing.TestTokens;
import dev.atelier.web.AtelierWebAutoConfiguration;
import dev.atelier.web.security.AtelierSecurityAutoConfiguration;
import java.security.Principal;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The token benchmark's resource server: a servlet app on Tomcat (a free port) with platform/web's auto-configuration,
 * so {@code /api/account/**} goes through exactly the security chain every service has, trusting the JWKS that
 * {@link TestTokens} serves in this JVM (issuer checked). Two endpoints do the same work, answering a customer id as
 * text: {@link #ACCOUNT} the token's subject, {@link #OPEN} (matched by no security chain, as every path outside
 * {@code /api/account/**} and {@code /api/admin/**} is) the {@code subject} query parameter.
 *
 * <p>Only the web, Jackson and security auto-configurations are imported: the bench's classpath also holds JDBC,
 * Flyway, Kafka, platform/messaging and OpenTelemetry, which a request of these endpoints never touches. Deliberately
 * not a {@code @Configuration} and the endpoints are a router function, not a {@code @RestController}: the relay
 * benchmark's {@code @SpringBootApplication} scans this package and must not pick either up.
 */
@ImportAutoConfiguration({
        TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, AtelierWebAutoConfiguration.class,
        AtelierSecurityAutoConfiguration.class})
class TokenResourceServer {

    static final String ACCOUNT = "/api/account/bench/me";
    static final String OPEN = "/api/bench/open";

    @Bean
    RouterFunction<ServerResponse> benchEndpoints() {
        return RouterFunctions.route()
                .GET(ACCOUNT, request -> subject(request.principal().map(Principal::getName).orElse("")))
                .GET(OPEN, request -> subject(request.param("subject").orElse("")))
                .build();
    }

    private static ServerResponse subject(String subject) {
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(subject);
    }

    /** Starts the server; its base URL is {@link #baseUrl}. */
    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TokenResourceServer.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "server.port", "0",
                        // keep-alive for good: Tomcat's default closes a connection every 100 requests, which
                        // would put a TCP handshake in every hundredth sample of both endpoints
                        "server.tomcat.max-keep-alive-requests", "-1",
                        "atelier.security.jwk-set-uri", TestTokens.get().jwkSetUri(),
                        "atelier.security.issuer", TestTokens.ISSUER,
                        "spring.application.name", "token-bench",
                        "spring.main.banner-mode", "off",
                        "logging.level.root", "WARN",
                        // atelier-testing's logback-test.xml, on this classpath, sets dev.atelier to INFO
                        "logging.level.dev.atelier", "WARN"))
                .logStartupInfo(false)
                .run();
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }
}
