package dev.atelier.order.checkout;

import dev.atelier.events.EventJson;
import dev.atelier.web.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;

/**
 * Reads the priced cart from cart-service at checkout: the one synchronous call of the checkout, with a timeout and
 * a circuit breaker ({@code resilience4j.circuitbreaker.instances.cart}). When cart-service is down, slow or the
 * breaker is open, the shopper gets a 503 with Retry-After and nothing is written.
 */
@Component
class CartClient {

    private static final Logger log = LoggerFactory.getLogger(CartClient.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final RestClient rest;
    private final CircuitBreaker breaker;

    CartClient(CheckoutProperties properties, CircuitBreakerRegistry breakers) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.cartTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.cartTimeout());
        this.rest = RestClient.builder().baseUrl(properties.cartUrl().toString()).requestFactory(requests).build();
        this.breaker = breakers.circuitBreaker("cart");
    }

    /** The open cart with that id, priced for the shipping option and country; empty when there is none. */
    Optional<PricedCart> pricedCart(UUID cartId, String shippingOption, String country) {
        try {
            return breaker.executeSupplier(() -> fetch(cartId, shippingOption, country));
        } catch (CallNotPermittedException e) {
            throw unavailable("cart-service failed repeatedly; checkout is paused for a few seconds");
        } catch (RestClientException | CartDownException e) {
            log.warn("Could not read cart {} from cart-service: {}", cartId, e.toString());
            throw unavailable("cart-service did not answer; nothing was ordered");
        }
    }

    /**
     * One read, tried a second time when the connection broke: the read is idempotent, and a kept-alive connection
     * that cart-service closed just as it was reused fails at once (a flash sale's 1,000 checkouts hit that race
     * 19 times, opened the breaker and turned 582 shoppers away).
     */
    private Optional<PricedCart> fetch(UUID cartId, String shippingOption, String country) {
        try {
            return read(cartId, shippingOption, country);
        } catch (ResourceAccessException e) {
            log.info("Reading cart {} again after a broken connection: {}", cartId, e.toString());
            return read(cartId, shippingOption, country);
        }
    }

    private Optional<PricedCart> read(UUID cartId, String shippingOption, String country) {
        return rest.get()
                .uri("/internal/carts/{id}?shippingOption={option}&country={country}", cartId, shippingOption, country)
                .exchange((request, response) -> {
                    if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return Optional.<PricedCart>empty();
                    }
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new CartDownException("cart-service answered " + response.getStatusCode());
                    }
                    String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    try {
                        return Optional.of(EventJson.mapper().readValue(body, PricedCart.class));
                    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                        throw new CartDownException("cart-service answered a cart this service cannot read: " + e);
                    }
                });
    }

    private static ProblemException unavailable(String detail) {
        return ProblemException.unavailable("cart-unavailable", detail, RETRY_AFTER);
    }

    /** cart-service answered, but not with a cart: counted as a failure by the breaker. */
    static final class CartDownException extends RuntimeException {

        CartDownException(String message) {
            super(message);
        }
    }
}
