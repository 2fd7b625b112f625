package dev.atelier.customer.wishlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.Customer;
import dev.atelier.events.Money;
import dev.atelier.events.catalog.BundleComponent;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.events.Topics;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The wishlist over HTTP, priced from catalog's events as catalog-service's relay would publish them (played by an
 * EventPublisher): current prices, retired items flagged, limits and problem+json, export and erasure.
 */
@CustomerTest
class WishlistTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcClient jdbc;

    Api api;
    EventPublisher catalog;

    @BeforeEach
    void open() {
        api = new Api(port);
        catalog = EventPublisher.toSharedBroker();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void showsTodaysPriceAndFlagsWhatIsNoLongerSold() {
        UUID product = UUID.randomUUID();
        String mug = sku("MUG-RED");
        String blue = sku("MUG-BLUE");
        UUID published = catalog.publish(new ProductPublished(product, "named-mug", "Named mug",
                List.of(variant(mug, 1299), variant(blue, 1299)), T0, "/media/mug.webp", "STANDARD", List.of("mugs"),
                true));
        awaitApplied(published);
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("wishlist"));
        String token = tokens.customer(customer.id());

        Api.Answer added = api.post("/api/account/wishlist", token, "{\"sku\": \"" + mug + "\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().path("name").asString()).isEqualTo("Named mug");
        assertThat(added.body().path("price").path("amount").asLong()).isEqualTo(1299);
        assertThat(added.body().path("price").path("currency").asString()).isEqualTo("GBP");
        assertThat(added.body().path("attributes").path("colour").asString()).isEqualTo("red");
        assertThat(api.post("/api/account/wishlist", token, "{\"sku\": \"" + mug + "\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/account/wishlist", token, "{\"sku\": \"" + blue + "\"}").status()).isEqualTo(201);

        awaitApplied(catalog.publish(new PriceChanged(product, mug, Money.gbp(1299), Money.gbp(999),
                T0.plusSeconds(60))));
        JsonNode mugNow = item(token, mug);
        assertThat(mugNow.path("price").path("amount").asLong()).isEqualTo(999);
        assertThat(mugNow.path("priceWhenAdded").path("amount").asLong()).isEqualTo(1299);
        assertThat(mugNow.path("available").asBoolean()).isTrue();

        // an older price (a replayed dead letter) does not roll the price back
        awaitApplied(catalog.publish(new PriceChanged(product, mug, Money.gbp(1299), Money.gbp(1500), T0.plusSeconds(30))));
        assertThat(item(token, mug).path("price").path("amount").asLong()).isEqualTo(999);

        // the blue one is no longer a variant of the product
        awaitApplied(catalog.publish(new ProductUpdated(product, "named-mug", "Named mug, personalised",
                List.of(variant(mug, 999)), T0.plusSeconds(120))));
        assertThat(item(token, blue).path("available").asBoolean()).isFalse();
        assertThat(item(token, mug).path("name").asString()).isEqualTo("Named mug, personalised");

        awaitApplied(catalog.publish(new ProductRetired(product, "named-mug", List.of(mug), T0.plusSeconds(180))));
        assertThat(item(token, mug).path("available").asBoolean()).isFalse();
        assertThat(item(token, mug).path("price").path("amount").asLong()).isEqualTo(999);
        Api.Answer notSold = api.post("/api/account/wishlist", tokens.customer(
                accounts.anActiveCustomer(Accounts.uniqueEmail("late")).id()), "{\"sku\": \"" + mug + "\"}");
        assertThat(notSold.status()).isEqualTo(422);
        assertThat(notSold.contentType()).startsWith("application/problem+json");
        assertThat(notSold.body().path("detail").asString()).contains("no longer sold");

        assertThat(api.delete("/api/account/wishlist/" + blue, token).status()).isEqualTo(204);
        assertThat(api.delete("/api/account/wishlist/" + blue, token).status()).isEqualTo(404);
        assertThat(api.get("/api/account/wishlist", token).body()).extracting(i -> i.path("sku").asString())
                .containsExactly(mug);
    }

    @Test
    void refusesWhatCatalogDoesNotSellAndKeepsToTheLimit() {
        UUID product = UUID.randomUUID();
        List<String> skus = IntStream.rangeClosed(0, Wishlists.MAX_ITEMS).mapToObj(i -> sku("CARD-" + i)).toList();
        awaitApplied(catalog.publish(new ProductPublished(product, "cards", "Greeting cards",
                skus.stream().map(s -> variant(s, 350)).toList(), T0)));
        // a bundle's composition is not the wishlist's concern: passed over, not dead-lettered (the price change
        // after it on the same key is applied, so the bundle's turn has come and gone)
        try (EventProbe deadLetters = EventProbe.on(Topics.deadLetterOf(Topics.CATALOG_PRODUCT, "customer-service"))) {
            UUID bundle = catalog.publish(new BundleDefined(product, skus.getFirst(),
                    List.of(new BundleComponent(skus.get(1), 2)), T0));
            awaitApplied(catalog.publish(new PriceChanged(product, skus.getFirst(), Money.gbp(350), Money.gbp(300),
                    T0.plusSeconds(1))));
            assertThat(deadLetters.records()).noneMatch(r -> bundle.toString().equals(EventProbe.header(r, "eventId")));
        }
        String token = tokens.customer(accounts.anActiveCustomer(Accounts.uniqueEmail("limit")).id());

        Api.Answer unknown = api.post("/api/account/wishlist", token, "{\"sku\": \"NO-SUCH-SKU\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().path("sku").asString()).isEqualTo("NO-SUCH-SKU");
        Api.Answer blank = api.post("/api/account/wishlist", token, "{\"sku\": \" \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("errors").get(0).path("field").asString()).isEqualTo("sku");
        assertThat(api.post("/api/account/wishlist", token, "not json").status()).isEqualTo(400);

        for (String sku : skus.subList(0, Wishlists.MAX_ITEMS)) {
            assertThat(api.post("/api/account/wishlist", token, "{\"sku\": \"" + sku + "\"}").status()).isEqualTo(201);
        }
        Api.Answer full = api.post("/api/account/wishlist", token, "{\"sku\": \"" + skus.getLast() + "\"}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/account/wishlist", token).body().size()).isEqualTo(Wishlists.MAX_ITEMS);
    }

    @Test
    void theExportHoldsTheWishlistAndErasureDeletesIt() {
        UUID product = UUID.randomUUID();
        String print = sku("PRINT-A3");
        awaitApplied(catalog.publish(new ProductPublished(product, "star-map", "Star map print",
                List.of(variant(print, 4500)), T0)));
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("wishlist-gdpr"));
        String token = tokens.customer(customer.id());
        api.post("/api/account/wishlist", token, "{\"sku\": \"" + print + "\"}");

        String export = api.post("/api/account/data-export", token, null).body().path("requestId").asString();
        JsonNode part = api.get("/api/account/data-export/" + export, token).body().path("parts").path("customer-service");
        assertThat(part.path("wishlist").get(0).path("sku").asString()).isEqualTo(print);
        assertThat(part.path("wishlist").get(0).path("product").asString()).isEqualTo("Star map print");

        assertThat(api.post("/api/account/erasure", token, "{\"confirm\": true}").status()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT count(*) FROM wishlist_item WHERE customer_id = ?").param(customer.id())
                .query(Integer.class).single()).isZero();
    }

    private JsonNode item(String token, String sku) {
        for (JsonNode item : api.get("/api/account/wishlist", token).body()) {
            if (item.path("sku").asString().equals(sku)) {
                return item;
            }
        }
        throw new AssertionError(sku + " is not in the wishlist");
    }

    private void awaitApplied(UUID eventId) {
        Awaitility.await("event " + eventId + " applied").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM inbox WHERE event_id = ?").param(eventId)
                        .query(Integer.class).single() == 1);
    }

    private static SellableVariant variant(String sku, long pence) {
        return new SellableVariant(sku, Money.gbp(pence), 300, Map.of("colour", sku.contains("BLUE") ? "blue" : "red"),
                null, false);
    }

    private static String sku(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
