package dev.atelier.catalog.storefront;

import static dev.atelier.catalog.CatalogFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.events.EventJson;
import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.testing.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The rendered public reads are never older than the last write: each test reads an answer twice (so that it is
 * kept), writes through the service, and reads again at once; and other services' stock events, which come all the
 * time under checkout load, forget only the answers they change.
 */
@CatalogTest
class StorefrontCacheTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry meters;

    Http http;
    CatalogFixture catalog;
    String category;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        catalog = new CatalogFixture(http);
        category = catalog.category(catalog.unique("lamps"), "Lamps", null);
    }

    private JsonNode page(String slug) {
        Http.Answer answer = http.get("/api/catalog/products/" + slug);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode listing() {
        Http.Answer answer = http.get("/api/catalog/products?category=" + category);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode json(Http.Raw raw) {
        return EventJson.mapper().readTree(raw.body());
    }

    private double hits() {
        return meters.get("cache.gets").tag("cache", "storefront").tag("result", "hit").functionCounter().count();
    }

    @Test
    void aRepeatedReadIsAnsweredFromTheKeptBytes() {
        String slug = catalog.unique("reading-lamp");
        catalog.published(draft("Reading lamp", category, 3500).with("slug", slug).variant(catalog.sku("READ"), Map.of()));
        Http.Raw first = http.raw("/api/catalog/products/" + slug);
        double before = hits();

        java.util.List<Http.Raw> again = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> http.raw("/api/catalog/products/" + slug)).toList();

        // 5 unless a background transaction (another test's late event) committed in between and emptied the cache
        assertThat(hits() - before).isGreaterThanOrEqualTo(3);
        assertThat(again).allSatisfy(raw -> {
            assertThat(raw.body()).isEqualTo(first.body());
            assertThat(raw.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        });
    }

    @Test
    void anEditAndItsPriceAreVisibleRightAfterTheWrite() {
        String slug = catalog.unique("brass-lamp");
        String sku = catalog.sku("LAMP");
        CatalogFixture.Draft lamp = draft("Brass lamp", category, 4500).with("slug", slug).variant(sku, Map.of());
        String id = catalog.published(lamp);
        assertThat(page(slug).get("name").asString()).isEqualTo("Brass lamp");
        assertThat(page(slug).get("name").asString()).isEqualTo("Brass lamp");
        assertThat(listing().get("items").get(0).get("price").get("amount").asLong()).isEqualTo(4500);
        assertThat(http.get("/api/catalog/products?q=copper").body().toString()).doesNotContain(slug);

        Http.Answer edited = http.put("/api/admin/catalog/products/" + id, CatalogFixture.json(
                draft("Copper lamp", category, 3900).with("slug", slug).variant(sku, Map.of()).body()));

        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
        JsonNode after = page(slug);
        assertThat(after.get("name").asString()).isEqualTo("Copper lamp");
        assertThat(after.get("price").get("amount").asLong()).isEqualTo(3900);
        assertThat(listing().get("items").get(0).get("name").asString()).isEqualTo("Copper lamp");
        assertThat(listing().get("items").get(0).get("price").get("amount").asLong()).isEqualTo(3900);
        assertThat(http.get("/api/catalog/products?q=copper").body().toString()).contains(slug);
    }

    @Test
    void anArchivedProductLeavesThePageAndTheListingAtOnce() {
        String slug = catalog.unique("desk-lamp");
        String id = catalog.published(draft("Desk lamp", category, 2000).with("slug", slug)
                .variant(catalog.sku("DESK"), Map.of()));
        page(slug);
        assertThat(listing().get("items")).hasSize(1);
        assertThat(http.get("/api/catalog/facets?category=" + category).body().get("total").asLong()).isEqualTo(1);

        assertThat(http.post("/api/admin/catalog/products/" + id + "/archive", "").status()).isEqualTo(200);

        assertThat(http.get("/api/catalog/products/" + slug).status()).isEqualTo(404);
        assertThat(listing().get("items")).isEmpty();
        assertThat(http.get("/api/catalog/facets?category=" + category).body().get("total").asLong()).isZero();
    }

    @Test
    void aRenamedCategoryShowsOnTheProductPageAtOnce() {
        String slug = catalog.unique("floor-lamp");
        catalog.published(draft("Floor lamp", category, 9000).with("slug", slug).variant(catalog.sku("FLOOR"), Map.of()));
        assertThat(page(slug).get("category").get("name").asString()).isEqualTo("Lamps");

        Http.Answer renamed = http.put("/api/admin/catalog/categories/" + category,
                CatalogFixture.json(Map.of("name", "Lighting", "position", 0)));

        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);
        assertThat(page(slug).get("category").get("name").asString()).isEqualTo("Lighting");
    }

    @Test
    void theCategoryTreeAndTheOccasionsAreKeptAndARenameOrANewOccasionShowsAtOnce() {
        Http.Raw tree = http.raw("/api/catalog/categories");
        Http.Raw occasions = http.raw("/api/catalog/occasions");
        double before = hits();

        java.util.List<Http.Raw> again = java.util.stream.IntStream.range(0, 5).boxed()
                .flatMap(i -> java.util.stream.Stream.of(http.raw("/api/catalog/categories"),
                        http.raw("/api/catalog/occasions"))).toList();

        // 10 unless a background transaction (another test's late event) committed in between and emptied the cache
        assertThat(hits() - before).isGreaterThanOrEqualTo(6);
        assertThat(again).allSatisfy(raw -> assertThat(raw.status()).isEqualTo(200));
        assertThat(again.get(8).body()).isEqualTo(tree.body());
        assertThat(again.get(9).body()).isEqualTo(occasions.body());
        assertThat(tree.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(http.raw("/api/catalog/categories", "If-None-Match",
                tree.headers().firstValue("ETag").orElseThrow()).status()).isEqualTo(304);

        Http.Answer renamed = http.put("/api/admin/catalog/categories/" + category,
                CatalogFixture.json(Map.of("name", "Lights", "position", 0)));
        String occasion = catalog.occasion(catalog.unique("housewarming"), "Housewarming");

        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);
        assertThat(nameOf(http.get("/api/catalog/categories").body(), category)).isEqualTo("Lights");
        assertThat(nameOf(http.get("/api/catalog/occasions").body(), occasion)).isEqualTo("Housewarming");
    }

    @Test
    void aStockEventKeepsTheCategoryTreeAndTheOccasions() {
        http.get("/api/catalog/categories");
        http.get("/api/catalog/occasions");
        String slug = catalog.unique("hall-lamp");
        String sku = catalog.sku("HALL");
        catalog.published(draft("Hall lamp", category, 2800).with("slug", slug).variant(sku, Map.of()));
        http.get("/api/catalog/categories");
        http.get("/api/catalog/occasions");

        stock(sku, 3);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> available(page(slug)) == 3);
        double before = hits();
        http.get("/api/catalog/categories");
        http.get("/api/catalog/occasions");
        assertThat(hits() - before).as("answered from the kept bytes").isEqualTo(2);
    }

    private static String nameOf(JsonNode list, String slug) {
        for (JsonNode entry : list) {
            if (entry.get("slug").asString().equals(slug)) {
                return entry.get("name").asString();
            }
        }
        throw new AssertionError(slug + " is not in " + list);
    }

    @Test
    void stockFromInventorysEventsReachesTheKeptAnswers() {
        String slug = catalog.unique("wall-lamp");
        String sku = catalog.sku("WALL");
        catalog.published(draft("Wall lamp", category, 3000).with("slug", slug).variant(sku, Map.of()));
        assertThat(page(slug).get("inStock").asBoolean()).isFalse();
        assertThat(listing().get("items").get(0).get("inStock").asBoolean()).isFalse();

        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new StockLevelChanged(sku, 7, 0, 7));
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> page(slug).get("inStock").asBoolean());
        assertThat(page(slug).get("variants").get(0).get("available").asLong()).isEqualTo(7);
        assertThat(listing().get("items").get(0).get("inStock").asBoolean()).isTrue();
    }

    @Test
    void aStockFigureForgetsOnlyThePagesThatShowItAndTheListingsOnlyWhenStockComesOrGoes() {
        String slug = catalog.unique("pendant-lamp");
        String sku = catalog.sku("PEND");
        String otherSlug = catalog.unique("arc-lamp");
        catalog.published(draft("Pendant lamp", category, 6000).with("slug", slug).variant(sku, Map.of()));
        catalog.published(draft("Arc lamp", category, 8000).with("slug", otherSlug).variant(catalog.sku("ARC"),
                Map.of()));
        stock(sku, 7);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> available(page(slug)) == 7);
        page(otherSlug);
        listing();

        stock(sku, 5);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> available(page(slug)) == 5);
        double before = hits();
        assertThat(page(otherSlug).get("name").asString()).isEqualTo("Arc lamp");
        assertThat(card(listing(), slug).get("inStock").asBoolean()).isTrue();
        assertThat(hits() - before).as("the other product's page and the listing were kept").isEqualTo(2);

        stock(sku, 0);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> available(page(slug)) == 0);
        assertThat(card(listing(), slug).get("inStock").asBoolean()).as("sold out: the listing at once").isFalse();
        assertThat(http.get("/api/catalog/products?inStock=true&category=" + category).body().toString())
                .doesNotContain(slug);
    }

    @Test
    void anEventEveryHandlerIgnoresKeepsTheCache() {
        String slug = catalog.unique("bedside-lamp");
        String sku = catalog.sku("BED");
        catalog.published(draft("Bedside lamp", category, 2200).with("slug", slug).variant(sku, Map.of()));
        page(slug);
        double ignored = ignoredEvents();

        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new LowStockDetected(sku, 1, 0, 1, 2, 10));
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ignoredEvents() > ignored);
        double before = hits();
        page(slug);
        assertThat(hits() - before).as("answered from the kept bytes").isEqualTo(1);
    }

    private static void stock(String sku, long available) {
        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new StockLevelChanged(sku, available, 0, available));
        }
    }

    private static long available(JsonNode page) {
        return page.get("variants").get(0).get("available").asLong();
    }

    private static JsonNode card(JsonNode listing, String slug) {
        for (JsonNode card : listing.get("items")) {
            if (card.get("slug").asString().equals(slug)) {
                return card;
            }
        }
        throw new AssertionError(slug + " is not in " + listing);
    }

    private double ignoredEvents() {
        return meters.find("atelier.inbox.events").tag("outcome", "ignored").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void aClientHoldingTheSameAnswerGetsA304AndANewOneAfterAChange() {
        String slug = catalog.unique("table-lamp");
        String sku = catalog.sku("TABLE");
        String id = catalog.published(draft("Table lamp", category, 2500).with("slug", slug).variant(sku, Map.of()));
        Http.Raw first = http.raw("/api/catalog/products/" + slug);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        Http.Raw unchanged = http.raw("/api/catalog/products/" + slug, "If-None-Match", etag);
        http.put("/api/admin/catalog/products/" + id, CatalogFixture.json(
                draft("Table lamp", category, 2700).with("slug", slug).variant(sku, Map.of()).body()));
        Http.Raw changed = http.raw("/api/catalog/products/" + slug, "If-None-Match", etag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json(first).get("price").get("amount").asLong()).isEqualTo(2500);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(json(changed).get("price").get("amount").asLong()).isEqualTo(2700);
    }

    @Test
    void theStorefrontsReadsTellASharedCacheItMayKeepThemFiveSecondsAndABrowserToRevalidate() {
        String slug = catalog.unique("desk-lamp");
        catalog.published(draft("Desk lamp", category, 3100).with("slug", slug).variant(catalog.sku("DESK"), Map.of()));

        for (String path : java.util.List.of("/api/catalog/products/" + slug, "/api/catalog/products?q=desk",
                "/api/catalog/facets", "/api/catalog/categories", "/api/catalog/occasions")) {
            Http.Raw read = http.raw(path);
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(read.headers().firstValue("Cache-Control")).as(path).contains("max-age=0, public, s-maxage=5");
            Http.Raw revalidated = http.raw(path, "If-None-Match", read.headers().firstValue("ETag").orElseThrow());
            assertThat(revalidated.status()).as(path).isEqualTo(304);
            assertThat(revalidated.headers().firstValue("Cache-Control")).as(path)
                    .contains("max-age=0, public, s-maxage=5");
        }
    }
}
