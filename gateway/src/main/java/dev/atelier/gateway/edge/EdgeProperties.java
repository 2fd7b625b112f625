package dev.atelier.gateway.edge;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code atelier.gateway.*}: how the edge behaves. Service locations come from {@code atelier.services.<key>.url}
 * ({@link ServiceLocations}); these are the limits and timeouts around them.
 *
 * @param apiTimeout how long an API call may take before the shopper gets a 504
 * @param slowTimeout the same for the calls that do more work (checkout, uploads, webhooks)
 * @param connectTimeout how long to wait for a service's socket
 * @param maxJsonBody the largest non-upload body the edge forwards
 * @param maxUploadBody the largest multipart upload it forwards
 * @param openCircuitRetryAfter the Retry-After of a 503 while a service's circuit is open
 * @param secure whether the store is served over TLS (HSTS and Secure cookies; false only locally)
 * @param allowedOrigins origins whose state-changing JSON calls are accepted besides the gateway's own
 * @param rateLimits requests allowed per client and window, by policy name
 */
@ConfigurationProperties("atelier.gateway")
public record EdgeProperties(
        @DefaultValue("5s") Duration apiTimeout,
        @DefaultValue("15s") Duration slowTimeout,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("256KB") DataSize maxJsonBody,
        @DefaultValue("20MB") DataSize maxUploadBody,
        @DefaultValue("10s") Duration openCircuitRetryAfter,
        @DefaultValue("true") boolean secure,
        @DefaultValue List<URI> allowedOrigins,
        @DefaultValue Map<String, RateLimit> rateLimits) {

    /** So many requests per window for one client (IP address, or account when signed in). */
    public record RateLimit(long requests, Duration per) {
    }
}
