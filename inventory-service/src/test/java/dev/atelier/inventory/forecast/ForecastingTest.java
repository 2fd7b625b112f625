package dev.atelier.inventory.forecast;

import static dev.atelier.inventory.Orders.aPlacedOrderOf;
import static dev.atelier.inventory.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.inventory.Http;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.inventory.stock.StockFigures;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Sales pace, days of stock left and reorder suggestions, as arithmetic and through the API. */
@InventoryTest
class ForecastingTest {

    @Autowired
    Forecasting forecasting;

    @Autowired
    StockAdministration administration;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${local.server.port}")
    int port;

    @Test
    void paceIsTheBusierOfTheLastWeekAndMonth() {
        StockFigures mugs = new StockFigures("MUG", 70, 10, 20, 50);

        Forecast forecast = forecasting.forecast(mugs, 28, 60, 90);

        assertThat(forecast.velocity7()).isEqualByComparingTo("4.00");
        assertThat(forecast.velocity30()).isEqualByComparingTo("2.00");
        assertThat(forecast.velocity90()).isEqualByComparingTo("1.00");
        assertThat(forecast.daysOfStockLeft()).isEqualByComparingTo("15.0");
        // 4 a day over 14 days of lead time and 30 of cover is 176, of which 60 are available
        assertThat(forecast.suggestedReorderQuantity()).isEqualTo(116);
    }

    @Test
    void aSkuThatDoesNotSellHasNoDaysLeftAndIsReorderedOnlyWhenLow() {
        Forecast idle = forecasting.forecast(new StockFigures("IDLE", 40, 0, 5, 10), 0, 0, 0);
        Forecast idleButLow = forecasting.forecast(new StockFigures("LOW", 3, 0, 5, 10), 0, 0, 0);

        assertThat(idle.daysOfStockLeft()).isNull();
        assertThat(idle.suggestedReorderQuantity()).isZero();
        assertThat(idleButLow.suggestedReorderQuantity()).isEqualTo(10);
    }

    @Test
    void listsTheFastestSellingSkuFirstFromCommittedSales() {
        StockFixture stock = new StockFixture(administration, jdbc);
        String slow = stock.aSkuWith("SLOW", 100);
        String fast = stock.aSkuWith("FAST", 100);
        List<OrderPlaced> orders = new ArrayList<>();
        orders.add(aPlacedOrderOf(slow, 1));
        for (int i = 0; i < 3; i++) {
            orders.add(aPlacedOrderOf(fast, 10));
        }
        try (EventPublisher publisher = EventPublisher.toSharedBroker();
                EventProbe answers = EventProbe.on(Topics.INVENTORY_RESERVATION)) {
            orders.forEach(publisher::publish);
            orders.forEach(order -> publisher.publish(theConfirmationOf(order)));
            answers.awaitRecords(orders.size(), r -> "StockCommitted".equals(EventProbe.header(r, "eventType"))
                    && orders.stream().anyMatch(o -> r.value().contains(o.orderId().toString())), Duration.ofSeconds(30));
        }

        List<String> ranked = new ArrayList<>();
        Http http = new Http(port);
        String cursor = "";
        do {
            JsonNode page = http.get("/api/admin/inventory/forecast?limit=50" + cursor).body();
            page.get("items").forEach(item -> {
                ranked.add(item.get("sku").asString());
                if (item.get("sku").asString().equals(fast)) {
                    assertThat(item.get("velocity7").decimalValue()).isEqualByComparingTo(new BigDecimal("4.29"));
                    assertThat(item.get("daysOfStockLeft").decimalValue()).isEqualByComparingTo(new BigDecimal("16.3"));
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : "&cursor=" + page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(ranked).contains(fast, slow);
        assertThat(ranked.indexOf(fast)).isLessThan(ranked.indexOf(slow));
    }
}
