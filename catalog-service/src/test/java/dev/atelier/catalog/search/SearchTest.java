package dev.atelier.catalog.search;

import static dev.atelier.catalog.CatalogFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.testing.EventPublisher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The storefront's listing over real HTTP on PostgreSQL: search relevance, typos, filters with descendants,
 * stock, facets equal to results, and cursor pages. Each test works in a category tree of its own.
 */
@CatalogTest
class SearchTest {

    @Value("${local.server.port}")
    int port;

    Http http;
    CatalogFixture catalog;
    String root;
    String mugs;
    String christmasMugs;
    String hardware;
    String christmas;
    String birthday;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        catalog = new CatalogFixture(http);
        root = catalog.category(catalog.unique("shop"), "Shop", null);
        mugs = catalog.category(catalog.unique("mugs"), "Mugs", root);
        christmasMugs = catalog.category(catalog.unique("christmas-mugs"), "Christmas mugs", mugs);
        hardware = catalog.category(catalog.unique("hardware"), "Refurbished hardware", null);
        christmas = catalog.occasion(catalog.unique("christmas"), "Christmas");
        birthday = catalog.occasion(catalog.unique("birthday"), "Birthday");
    }

    private JsonNode list(String query) {
        Http.Answer answer = http.get("/api/catalog/products?" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> slugs(JsonNode page) {
        return page.get("items").valueStream().map(card -> card.get("slug").asString()).toList();
    }

    @Test
    void anExactPartNumberComesFirst() {
        String kit = catalog.unique("stacking-kit");
        String sw = catalog.unique("catalyst-switch");
        catalog.published(draft("Stacking kit for WS-C2960X-48FPD-L switches", hardware, 4900).with("slug", kit)
                .variant(catalog.sku("KIT"), Map.of("condition", "new")));
        catalog.published(draft("Cisco Catalyst 2960-X 48-port PoE switch", hardware, 38900).with("slug", sw)
                .with("brand", "Cisco")
                .variant(catalog.sku("SW-A"), Map.of("condition", "refurbished-a"), null, "WS-C2960X-48FPD-L"));

        JsonNode found = list("q=" + q("WS-C2960X-48FPD-L") + "&category=" + hardware);

        assertThat(slugs(found)).containsExactly(sw, kit);
        assertThat(found.get("items").get(0).get("variants").get(0).get("partNumber").asString())
                .isEqualTo("WS-C2960X-48FPD-L");
    }

    @Test
    void aMisspeltWordStillFindsTheProductAndSaysWhatWasSearched() {
        String mug = catalog.unique("xmas-mug");
        String keyring = catalog.unique("keyring");
        catalog.published(draft("Personalised Christmas Mug", christmasMugs, 1299).with("slug", mug)
                .variant(catalog.sku("MUGX"), Map.of()));
        catalog.published(draft("Engraved Keyring", mugs, 899).with("slug", keyring)
                .variant(catalog.sku("KEY"), Map.of()));

        JsonNode misspelt = list("q=" + q("Chrismas mug") + "&category=" + root);
        JsonNode keyrnig = list("q=keyrnig&category=" + root);
        JsonNode prefix = list("q=chri&category=" + root);
        JsonNode nothing = list("q=zzqxv&category=" + root);

        assertThat(slugs(misspelt)).containsExactly(mug);
        assertThat(misspelt.get("search").get("corrected").asBoolean()).isTrue();
        assertThat(misspelt.get("search").get("searchedFor").asString()).isEqualTo("christmas mug");
        assertThat(slugs(keyrnig)).containsExactly(keyring);
        assertThat(slugs(prefix)).containsExactly(mug);
        assertThat(prefix.get("search").get("corrected").asBoolean()).isFalse();
        assertThat(nothing.get("items")).isEmpty();
        assertThat(nothing.get("message").asString()).contains("\"zzqxv\"").contains(root);
    }

    @Test
    void aCategoryIncludesItsDescendantsAndFiltersCombine() {
        String deep = catalog.unique("deep-mug");
        String plain = catalog.unique("plain-mug");
        String other = catalog.unique("other");
        catalog.published(draft("Snowman mug", christmasMugs, 1500).with("slug", deep)
                .with("occasions", List.of(christmas)).variant(catalog.sku("SNOW"), Map.of())
                .option("name", "TEXT", true, 0, Map.of("maxLength", 10)));
        catalog.published(draft("Plain mug", mugs, 800).with("slug", plain).with("occasions", List.of(birthday))
                .variant(catalog.sku("PLAIN"), Map.of()));
        catalog.published(draft("Refurbished router", hardware, 9900).with("slug", other)
                .variant(catalog.sku("RTR"), Map.of("condition", "refurbished-b")));

        assertThat(slugs(list("category=" + root + "&sort=price_asc"))).containsExactly(plain, deep);
        assertThat(slugs(list("category=" + christmasMugs))).containsExactly(deep);
        assertThat(slugs(list("category=" + root + "&occasion=" + christmas))).containsExactly(deep);
        assertThat(slugs(list("category=" + root + "&personalisable=true"))).containsExactly(deep);
        assertThat(slugs(list("category=" + root + "&minPrice=1000&maxPrice=2000"))).containsExactly(deep);
        assertThat(slugs(list("category=" + root + "&maxPrice=999"))).containsExactly(plain);
        assertThat(list("category=" + root + "&occasion=" + birthday + "&personalisable=true").get("message")
                .asString()).contains(birthday).contains("personalisable");
    }

    @Test
    void inStockFollowsInventorysStockEvents() {
        String stocked = catalog.unique("stocked");
        String empty = catalog.unique("empty");
        String stockedSku = catalog.sku("STOCKED");
        catalog.published(draft("Stocked mug", mugs, 1000).with("slug", stocked).variant(stockedSku, Map.of()));
        catalog.published(draft("Sold out mug", mugs, 1000).with("slug", empty).variant(catalog.sku("EMPTY"), Map.of()));

        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new StockLevelChanged(stockedSku, 5, 1, 4));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> slugs(list("category=" + mugs + "&inStock=true")).equals(List.of(stocked)));

        assertThat(slugs(list("category=" + mugs + "&inStock=false"))).containsExactly(empty);
        assertThat(http.get("/api/catalog/products/" + stocked).body().get("variants").get(0).get("available").asLong())
                .isEqualTo(4);
    }

    @Test
    void facetCountsEqualTheFilteredResults() {
        for (int i = 0; i < 5; i++) {
            catalog.published(draft("Gift mug " + i, i % 2 == 0 ? christmasMugs : mugs, 500 + i * 1500L)
                    .with("slug", catalog.unique("gift-mug-" + i)).with("brand", i < 3 ? "Atelier" : "Potter & Co")
                    .with("occasions", i < 2 ? List.of(christmas, birthday) : List.of(birthday))
                    .variant(catalog.sku("GM" + i), Map.of("condition", i == 4 ? "used" : "new")));
        }

        JsonNode facets = http.get("/api/catalog/facets?category=" + root).body();
        long total = facets.get("total").asLong();

        assertThat(total).isEqualTo(5).isEqualTo(allPages("category=" + root).size());
        for (JsonNode category : facets.get("categories")) {
            assertThat(category.get("count").asLong()).as(category.toString())
                    .isEqualTo(allPages("category=" + category.get("value").asString()).size());
        }
        for (JsonNode occasion : facets.get("occasions")) {
            assertThat(occasion.get("count").asLong()).as(occasion.toString())
                    .isEqualTo(allPages("category=" + root + "&occasion=" + occasion.get("value").asString()).size());
        }
        assertThat(facets.get("brands").valueStream().mapToLong(b -> b.get("count").asLong()).sum()).isEqualTo(total);
        assertThat(facets.get("priceBands").valueStream().mapToLong(b -> b.get("count").asLong()).sum()).isEqualTo(total);
        for (JsonNode band : facets.get("priceBands")) {
            String range = "&minPrice=" + band.get("min").asLong()
                    + (band.get("max").isNull() ? "" : "&maxPrice=" + (band.get("max").asLong() - 1));
            assertThat(band.get("count").asLong()).isEqualTo(allPages("category=" + root + range).size());
        }
        assertThat(facets.get("conditions").valueStream().map(c -> c.get("value").asString() + "=" + c.get("count").asLong()))
                .containsExactly("new=4", "used=1");
        // a brand and a condition filter as their facets count them
        for (JsonNode brand : facets.get("brands")) {
            assertThat(brand.get("count").asLong()).as(brand.toString())
                    .isEqualTo(allPages("category=" + root + "&brand=" + q(brand.get("value").asString())).size());
        }
        for (JsonNode condition : facets.get("conditions")) {
            assertThat(condition.get("count").asLong()).as(condition.toString())
                    .isEqualTo(allPages("category=" + root + "&condition=" + q(condition.get("value").asString())).size());
        }
        JsonNode potters = http.get("/api/catalog/facets?category=" + root + "&brand=" + q("Potter & Co")
                + "&condition=used").body();
        assertThat(potters.get("total").asLong()).isEqualTo(1);
        assertThat(slugs(list("category=" + root + "&brand=" + q("Potter & Co") + "&condition=used")))
                .containsExactly(catalog.unique("gift-mug-4"));
        assertThat(list("category=" + root + "&brand=Nobody").get("message").asString()).endsWith(", by Nobody.");
        assertThat(facets.get("categories").valueStream().map(c -> c.get("value").asString()))
                .containsExactly(root, mugs, christmasMugs);
    }

    @Test
    void pagesFollowTheOrderWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            catalog.published(draft("Paged mug " + i, mugs, 3000 - i * 100L).with("slug", catalog.unique("paged-" + i))
                    .variant(catalog.sku("PG" + i), Map.of()));
        }

        List<Long> prices = allPages("category=" + mugs + "&sort=price_asc&limit=2").stream()
                .map(card -> card.get("price").get("amount").asLong()).toList();
        List<String> newest = allPages("category=" + mugs + "&sort=newest&limit=2").stream()
                .map(card -> card.get("slug").asString()).toList();

        assertThat(prices).containsExactly(2600L, 2700L, 2800L, 2900L, 3000L);
        assertThat(newest).hasSize(5).doesNotHaveDuplicates().startsWith(catalog.unique("paged-4"));
        assertThat(http.get("/api/catalog/products?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/api/catalog/products?limit=101").status()).isEqualTo(400);
        assertThat(http.get("/api/catalog/products?sort=cheapest").status()).isEqualTo(400);
        assertThat(http.get("/api/catalog/products?cursor=forged").status()).isEqualTo(400);
        assertThat(http.get("/api/catalog/products?minPrice=500&maxPrice=100").status()).isEqualTo(400);
        String cursor = list("category=" + mugs + "&sort=price_asc&limit=2").get("nextCursor").asString();
        assertThat(http.get("/api/catalog/products?sort=newest&cursor=" + cursor).status()).isEqualTo(400);
        assertThat(list("").get("items").size()).isLessThanOrEqualTo(24);
    }

    private List<JsonNode> allPages(String query) {
        List<JsonNode> cards = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = list(query + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(cards::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return cards;
    }
}
