package dev.atelier.payment.provider;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The store's payment settings: which provider serves each payment method ({@code card}, {@code bank}), how long a
 * session stays open, where the shopper returns to, and the pace of the safety-net jobs.
 */
@ConfigurationProperties("atelier.payment")
public record PaymentProperties(String storeName, String storefrontUrl, Duration sessionTtl, Map<String, String> methods,
        Duration retryStuckAfter, Duration sweepInterval) {

    public PaymentProperties {
        methods = methods == null ? Map.of() : Map.copyOf(methods);
    }
}
