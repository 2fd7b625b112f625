package dev.atelier.inventory.forecast;

import dev.atelier.inventory.stock.Ledger;
import dev.atelier.inventory.stock.StockFigures;
import dev.atelier.inventory.stock.Stock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales velocity and reorder suggestions per SKU. The pace used for days-left is the busier of the last 7 and
 * 30 days, so that a sudden run on an item raises its urgency before the monthly average catches up.
 */
@Service
public class Forecasting {

    private static final int PAGE = 500;

    private final Stock stock;
    private final Ledger ledger;
    private final ForecastProperties properties;

    Forecasting(Stock stock, Ledger ledger, ForecastProperties properties) {
        this.stock = stock;
        this.ledger = ledger;
        this.properties = properties;
    }

    /** Every SKU's forecast, most urgent first: fewest days of stock left, then those with no sales, by SKU. */
    @Transactional(readOnly = true)
    public List<Forecast> all() {
        Map<String, Long> sold7 = ledger.unitsSoldSince(7);
        Map<String, Long> sold30 = ledger.unitsSoldSince(30);
        Map<String, Long> sold90 = ledger.unitsSoldSince(90);
        List<Forecast> forecasts = new ArrayList<>();
        String after = null;
        List<StockFigures> page;
        do {
            page = stock.page(after, PAGE);
            for (StockFigures figures : page) {
                forecasts.add(forecast(figures, sold7.getOrDefault(figures.sku(), 0L),
                        sold30.getOrDefault(figures.sku(), 0L), sold90.getOrDefault(figures.sku(), 0L)));
                after = figures.sku();
            }
        } while (page.size() == PAGE);
        forecasts.sort(URGENCY);
        return forecasts;
    }

    static final Comparator<Forecast> URGENCY = Comparator
            .comparing(Forecast::daysOfStockLeft, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Forecast::available)
            .thenComparing(Forecast::sku);

    Forecast forecast(StockFigures figures, long sold7, long sold30, long sold90) {
        BigDecimal velocity7 = perDay(sold7, 7);
        BigDecimal velocity30 = perDay(sold30, 30);
        BigDecimal velocity90 = perDay(sold90, 90);
        BigDecimal pace = velocity7.max(velocity30);
        long available = Math.max(0, figures.available());
        @Nullable BigDecimal daysLeft = pace.signum() == 0 ? null
                : BigDecimal.valueOf(available).divide(pace, 1, RoundingMode.DOWN);
        long needed = pace.multiply(BigDecimal.valueOf(properties.leadTimeDays() + properties.coverDays()))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        long suggestion = Math.max(0, needed - available);
        if (figures.isLow()) {
            suggestion = Math.max(suggestion, figures.reorderQuantity());
        }
        return new Forecast(figures.sku(), figures.onHand(), figures.available(), figures.reorderPoint(), velocity7,
                velocity30, velocity90, daysLeft, suggestion);
    }

    private static BigDecimal perDay(long units, int days) {
        return BigDecimal.valueOf(units).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }
}
