package dev.atelier.order.checkout;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Checkout settings: where cart-service answers and how long to wait for it, the storefront's address (the
 * payment page sends the shopper back there), and the secret that signs guests' order tokens (the same on every
 * replica; the default is for local runs only).
 */
@ConfigurationProperties("atelier.checkout")
record CheckoutProperties(@DefaultValue("http://localhost:8082") URI cartUrl, @DefaultValue("2s") Duration cartTimeout,
        @DefaultValue("http://localhost:8080") String storefrontUrl,
        @DefaultValue("local-order-token-secret-change-me") String tokenSecret) {
}
