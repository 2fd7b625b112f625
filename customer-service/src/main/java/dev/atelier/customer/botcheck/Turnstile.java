package dev.atelier.customer.botcheck;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a Turnstile token server-side with Cloudflare's siteverify (the secret, the token, the client's address).
 * The gateway checks guest checkout with its own, non-blocking client on its WebFlux filter chain; this one serves
 * this service's server-rendered forms on the servlet stack. Both read the same small protocol: form fields
 * {@code secret, response, remoteip}, answer {@code success, error-codes}.
 * <p>
 * A token that is missing or refused stops the form; a Cloudflare that does not answer within the timeout lets it
 * through, logged: a bot check that is down must not lock every shopper out (the sign-in throttle still applies).
 */
@Component
@EnableConfigurationProperties(TurnstileProperties.class)
public class Turnstile {

    /** The form field the widget fills in. */
    public static final String FIELD = "cf-turnstile-response";
    private static final Logger log = LoggerFactory.getLogger(Turnstile.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a check came to. */
    public enum Verdict {
        PASSED, REFUSED, MISSING, UNAVAILABLE;

        public boolean letsThrough() {
            return this == PASSED || this == UNAVAILABLE;
        }
    }

    private final TurnstileProperties properties;
    private final HttpClient client;

    public Turnstile(TurnstileProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** The site key for the pages' widget, or nothing when the check is off. */
    public @Nullable String siteKey() {
        return properties.enabled() ? properties.siteKey() : null;
    }

    /** Failed sign-ins from one address before the sign-in page asks for the check. */
    public int signInAfterFailures() {
        return properties.signInAfterFailures();
    }

    /** Checks the widget's token for a request from {@code remoteIp}; everything passes when the check is off. */
    public Verdict check(@Nullable String token, String remoteIp) {
        if (!properties.enabled()) {
            return Verdict.PASSED;
        }
        if (token == null || token.isBlank()) {
            return Verdict.MISSING;
        }
        String form = Map.of("secret", String.valueOf(properties.secret()), "response", token, "remoteip", remoteIp)
                .entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(properties.verifyUrl())
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode verdict = answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
            if (verdict == null) {
                throw new IOException("siteverify answered " + answer.statusCode());
            }
            if (verdict.path("success").asBoolean(false)) {
                return Verdict.PASSED;
            }
            log.info("turnstile refused a form from {}: {}", remoteIp, verdict.path("error-codes"));
            return Verdict.REFUSED;
        } catch (IOException | RuntimeException failure) {
            log.warn("turnstile did not answer ({}); the form from {} goes on unchecked", failure.toString(), remoteIp);
            return Verdict.UNAVAILABLE;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Verdict.UNAVAILABLE;
        }
    }
}
