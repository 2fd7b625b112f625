package dev.atelier.cart.personalisation.client;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.catalog.*}: where catalog-service answers and how long the cart waits for it.
 *
 * @param baseUrl catalog-service's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer; a shopper is waiting on it
 * @param retryAfter what a refusal tells the shopper to wait when catalog is down
 * @param failureRateThreshold percentage of failed calls (of the last {@code slidingWindow}) that opens the breaker
 * @param slidingWindow calls the failure rate is measured over
 * @param openFor how long the open breaker refuses calls without trying
 * @param maxConnections kept-alive connections to catalog at most; a call finding them all busy waits for one within
 *        {@code readTimeout}
 */
@ConfigurationProperties("atelier.catalog")
public record CatalogProperties(
        @DefaultValue("http://localhost:8081") String baseUrl,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("1s") Duration readTimeout,
        @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("50") int failureRateThreshold,
        @DefaultValue("10") int slidingWindow,
        @DefaultValue("10s") Duration openFor,
        @DefaultValue("64") int maxConnections) {
}
