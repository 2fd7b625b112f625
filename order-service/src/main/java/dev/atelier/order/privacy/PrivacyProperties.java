package dev.atelier.order.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the erasure sweep looks for orders that were still open when their customer asked to be forgotten and
 * have closed since, and how many it anonymises per transaction.
 */
@ConfigurationProperties("atelier.privacy")
record PrivacyProperties(@DefaultValue("1m") Duration erasureSweepInterval, @DefaultValue("100") int erasureBatchSize) {
}
