package dev.atelier.inventory.stock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.stock-levels.*}: how StockLevelChanged is announced.
 *
 * @param interval how often the SKUs whose figures changed are announced: a read model (catalog's, cart's) lags
 *     this service by at most about this much, and a SKU is announced at most once per interval however often it
 *     sells
 * @param batchSize SKUs announced per transaction
 */
@ConfigurationProperties("atelier.stock-levels")
record StockLevelProperties(@DefaultValue("250ms") Duration interval, @DefaultValue("500") int batchSize) {

    StockLevelProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("atelier.stock-levels.interval must be positive, was " + interval);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("atelier.stock-levels.batch-size must be at least 1, was " + batchSize);
        }
    }
}
