package dev.atelier.customer.privacy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.data-requests.*}.
 *
 * @param expectedServices the services holding personal data whose answer a request waits for (an export part or an
 *     erasure confirmation), besides customer-service itself; fixed on each request when it is made
 */
@ConfigurationProperties("atelier.data-requests")
record DataRequestProperties(
        @DefaultValue({"order-service", "payment-service", "cart-service", "notification-service", "catalog-service"})
        List<String> expectedServices) {
}
