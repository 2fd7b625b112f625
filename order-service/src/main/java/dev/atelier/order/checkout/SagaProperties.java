package dev.atelier.order.checkout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The saga's timeouts: how long the order waits for the stock (and the coupon) to be answered, and for the shopper
 * to pay once the payment was asked for; how often the job looks for orders past their deadline.
 */
@ConfigurationProperties("atelier.saga")
record SagaProperties(@DefaultValue("60s") Duration stockTimeout, @DefaultValue("15m") Duration paymentTimeout,
        @DefaultValue("5s") Duration timeoutSweepInterval, @DefaultValue("200") int timeoutBatchSize) {
}
