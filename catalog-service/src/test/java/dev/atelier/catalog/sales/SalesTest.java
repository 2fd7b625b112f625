package dev.atelier.catalog.sales;

import static dev.atelier.catalog.CatalogFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.events.Money;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Paid orders counted once per SKU: the product page's sold figures and the best-selling order. */
@CatalogTest
class SalesTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void aConfirmedOrderCountsOnceAndLeadsTheBestSellers() {
        Http http = new Http(port);
        CatalogFixture catalog = new CatalogFixture(http);
        String category = catalog.category(catalog.unique("bestsellers"), "Best sellers", null);
        String quiet = catalog.unique("quiet");
        String popular = catalog.unique("popular");
        String popularSku = catalog.sku("POP");
        catalog.published(draft("Quiet mug", category, 1000).with("slug", quiet).variant(catalog.sku("QUIET"), Map.of()));
        catalog.published(draft("Popular mug", category, 1000).with("slug", popular).variant(popularSku, Map.of()));
        UUID orderId = UUID.randomUUID();
        OrderConfirmed confirmed = new OrderConfirmed(orderId, "AT-1", "WEB", "shopper@example.co.uk",
                List.of(new OrderLine(UUID.randomUUID(), popularSku, 3, Money.gbp(1000), Map.of())), Money.gbp(3000),
                Instant.now());

        try (EventPublisher orders = EventPublisher.toSharedBroker()) {
            UUID eventId = orders.publish(confirmed);
            orders.publish(confirmed, eventId);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/catalog/products/" + popular).body().get("sold").get("last30Days").asLong() == 3);

        assertThat(http.get("/api/catalog/products/" + popular).body().get("sold").get("lifetime").asLong()).isEqualTo(3);
        assertThat(http.get("/api/catalog/products?category=" + category + "&sort=bestselling").body().get("items")
                .valueStream().map(card -> card.get("slug").asString())).containsExactly(popular, quiet);
    }
}
