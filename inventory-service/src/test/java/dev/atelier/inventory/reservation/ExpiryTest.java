package dev.atelier.inventory.reservation;

import static dev.atelier.inventory.Orders.aPlacedOrderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.inventory.InventoryApplication;
import dev.atelier.inventory.StockFixture;
import dev.atelier.inventory.stock.StockAdministration;
import dev.atelier.messaging.inbox.InboxListener;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import dev.atelier.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A reservation nobody confirmed or cancelled is released once, by one of the replicas sweeping for it. */
class ExpiryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Command-line arguments, which win over application.yaml (default properties would not). */
    private static String[] instanceArguments(String database) {
        Map<String, Object> settings = SharedInfrastructure.get().springProperties(database);
        settings.put("server.port", "0");
        settings.put("management.otlp.metrics.export.enabled", "false");
        settings.put("atelier.reservation.hold-for", "2s");
        settings.put("atelier.reservation.sweep-interval", "100ms");
        // a group of its own that starts at the end of order.order: the other tests' orders are not its business
        settings.put("atelier.messaging.inbox.group-id", "inventory-expiry-test");
        settings.put("spring.kafka.consumer.auto-offset-reset", "latest");
        settings.put("atelier.messaging.relay.standby-poll", "200ms");
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The instance's share of order.order (it also consumes catalog.product, whose partitions do not count here). */
    private static int assigned(ConfigurableApplicationContext instance) {
        var container = instance.getBean(InboxListener.class).container();
        return container == null ? 0 : (int) container.getAssignedPartitions().stream()
                .filter(partition -> partition.topic().equals(Topics.ORDER_ORDER)).count();
    }

    @Test
    void releasesAnExpiredReservationOnceWhileTwoInstancesSweep() {
        String database = SharedInfrastructure.get().freshDatabase("inventory_expiry");
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(InventoryApplication.class)
                        .run(instanceArguments(database));
                ConfigurableApplicationContext second = new SpringApplicationBuilder(InventoryApplication.class)
                        .run(instanceArguments(database));
                EventProbe answers = EventProbe.on(Topics.INVENTORY_RESERVATION);
                EventPublisher publisher = EventPublisher.toSharedBroker()) {
            await("both instances consume").atMost(DEADLINE).until(() -> assigned(first) + assigned(second)
                    == EmbeddedKafkaServer.DEFAULT_PARTITIONS);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            StockFixture stock = new StockFixture(first.getBean(StockAdministration.class), jdbc);
            String sku = stock.aSkuWith("EXPIRING", 4);
            OrderPlaced order = aPlacedOrderOf(sku, 3);

            publisher.publish(order);
            answers.awaitEvent(StockReserved.class, e -> e.orderId().equals(order.orderId()), DEADLINE);
            StockReleased released = answers.awaitEvent(StockReleased.class,
                    e -> e.orderId().equals(order.orderId()), DEADLINE);

            assertThat(released.reason()).isEqualTo("EXPIRED");
            await("both sweepers keep running and release nothing more").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> answers.events(StockReleased.class).stream()
                            .filter(e -> e.orderId().equals(order.orderId())).count() == 1
                            && jdbc.queryForObject("SELECT count(*) FROM stock_ledger WHERE kind = 'EXPIRE'",
                                    Long.class) == 1);
            assertThat(stock.reserved(sku)).isZero();
            assertThat(stock.available(sku)).isEqualTo(4);
            assertThat(stock.reservation(order.orderId())).containsEntry("status", "EXPIRED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM shedlock WHERE name = 'reservation-expiry'",
                    Long.class)).isEqualTo(1);
            assertThat(stock.skusWhoseFiguresDifferFromTheLedger()).isEmpty();
        }
    }
}
