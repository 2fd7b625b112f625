package dev.atelier.order.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.marketplace.MarketplaceLine;
import dev.atelier.events.marketplace.MarketplaceOrderReceived;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** An eBay order arrives paid and goes through the same saga; one that cannot be filled waits for a person. */
@OrderTest
class MarketplaceOrderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    EventPublisher marketplace;
    EventProbe orderEvents;
    Http http;

    @BeforeEach
    void setUp() {
        marketplace = EventPublisher.toSharedBroker();
        orderEvents = EventProbe.on(Topics.ORDER_ORDER);
        http = new Http(port);
    }

    @AfterEach
    void tearDown() {
        orderEvents.close();
        marketplace.close();
    }

    private static MarketplaceOrderReceived anEbayOrder(String buyer) {
        return new MarketplaceOrderReceived(UUID.randomUUID(), "EBAY", "12-" + UUID.randomUUID(), buyer,
                List.of(new MarketplaceLine("MUG-XMAS-001", 2, Money.gbp(1599), "Christmas Mug", "29847")),
                Money.gbp(395), Money.gbp(3593),
                new ShippingAddress("B Buyer", "2 High St", null, "Leeds", "LS1 4AP", "GB"), Instant.now(), "mugfan");
    }

    @Test
    void confirmsAPaidEbayOrderOnceItsStockIsReservedWithoutAskingForPayment() {
        String buyer = "ebay-" + UUID.randomUUID() + "@example.co.uk";
        MarketplaceOrderReceived received = anEbayOrder(buyer);

        marketplace.publish(received);
        marketplace.publish(received);
        OrderPlaced placed = orderEvents.awaitEvent(OrderPlaced.class, e -> e.customerEmail().equals(buyer), DEADLINE);
        assertThat(placed.channel()).isEqualTo("EBAY");
        assertThat(placed.total()).isEqualTo(Money.gbp(3593));
        marketplace.publish(new StockReserved(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                Instant.now().plusSeconds(1200)));

        OrderConfirmed confirmed = orderEvents.awaitEvent(OrderConfirmed.class,
                e -> e.orderId().equals(placed.orderId()), DEADLINE);
        assertThat(confirmed.channel()).isEqualTo("EBAY");
        assertThat(orderEvents.events(PaymentRequested.class)).noneMatch(e -> e.orderId().equals(placed.orderId()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE email = ?", Long.class, buyer)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, placed.orderId()))
                .isEqualTo("PAID");
    }

    @Test
    void flagsAnEbayOrderThatCannotBeFilledForAPersonInsteadOfCancellingIt() {
        String buyer = "ebay-" + UUID.randomUUID() + "@example.co.uk";
        marketplace.publish(anEbayOrder(buyer));
        OrderPlaced placed = orderEvents.awaitEvent(OrderPlaced.class, e -> e.customerEmail().equals(buyer), DEADLINE);

        marketplace.publish(new StockRejected(placed.orderId(), List.of(new RejectedLine("MUG-XMAS-001", 2, 0))));

        JsonNode flagged = Awaitility.await().atMost(DEADLINE).until(
                () -> http.get("/api/admin/orders?needsAttention=true&email=" + buyer).body().get("items"),
                items -> items.size() == 1).get(0);
        assertThat(flagged.get("attention").asString()).startsWith("OUT_OF_STOCK");
        assertThat(flagged.get("status").asString()).isEqualTo("PLACED");
        assertThat(flagged.get("channel").asString()).isEqualTo("EBAY");
        assertThat(orderEvents.events(OrderCancelled.class)).noneMatch(e -> e.orderId().equals(placed.orderId()));
    }
}
