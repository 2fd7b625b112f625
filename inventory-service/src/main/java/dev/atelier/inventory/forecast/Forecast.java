package dev.atelier.inventory.forecast;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * How fast a SKU sells (units per day over 7, 30 and 90 days, from committed sales), how many days its
 * available stock lasts at the recent pace, and how much to reorder.
 */
public record Forecast(String sku, long onHand, long available, long reorderPoint, BigDecimal velocity7,
        BigDecimal velocity30, BigDecimal velocity90, @Nullable BigDecimal daysOfStockLeft, long suggestedReorderQuantity) {
}
