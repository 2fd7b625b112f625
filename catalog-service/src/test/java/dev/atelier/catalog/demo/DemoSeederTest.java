package dev.atelier.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.catalog.Relay;
import dev.atelier.events.Topics;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The demo seeding against this service's real admin API, with inventory's admin API played by a stand-in that
 * learns SKUs from the catalog.product topic, both called with an admin's token (the sign-in at customer-service that
 * {@code ./atelier up} drives is customer-service's flow; platform/web's OneTimeCodesTest checks the authenticator codes).
 * A sample of the catalogue (every kind of product; DemoCatalogueTest checks the whole), the products other services
 * rely on, stock for every SKU, and nothing doubled by a second run.
 */
@CatalogTest
class DemoSeederTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    OutboxRelay relay;

    @Test
    void fillsAnEmptyStoreOnceThroughTheAdminApis() {
        Relay.awaitStreaming(relay);
        Http http = new Http(port);
        String adminToken = TestTokens.admin();
        try (EventProbe events = EventProbe.on(Topics.CATALOG_PRODUCT);
                StandInInventory inventory = new StandInInventory(events, adminToken)) {
            DemoSeeder seeder = new DemoSeeder(URI.create("http://localhost:" + port), inventory.url(),
                    Duration.ofSeconds(60), () -> adminToken, new DemoImages(), DemoCatalogue.sample());

            DemoSeeder.Outcome first = seeder.run();
            DemoSeeder.Outcome second = seeder.run();

            assertThat(first.productsPresent()).isEqualTo(DemoCatalogue.sample().size());
            assertThat(first.productsCreated()).isEqualTo(first.productsPresent());
            assertThat(first.productsPublished()).isEqualTo(first.productsPresent());
            assertThat(first.imagesUploaded()).isEqualTo(first.productsPresent());
            assertThat(first.postsPublished()).isEqualTo(DemoContent.POSTS.size()).isGreaterThanOrEqualTo(3);
            assertThat(second).isEqualTo(new DemoSeeder.Outcome(0, 0, 0, 0, first.productsPresent(), 0));

            Map<String, List<StandInInventory.Receipt>> receipts = inventory.receipts().stream()
                    .collect(Collectors.groupingBy(StandInInventory.Receipt::sku));
            List<String> stockedSkus = DemoCatalogue.sample().stream().flatMap(p -> p.stock().stream())
                    .map(DemoCatalogue.Stock::sku).toList();
            assertThat(first.skusReceived()).isEqualTo(stockedSkus.size());
            assertThat(receipts.keySet()).containsExactlyInAnyOrderElementsOf(stockedSkus);
            assertThat(receipts.values()).allSatisfy(r -> assertThat(r).hasSize(1));
            assertThat(receipts.get("MUG-XMAS-001").getFirst().quantity()).isEqualTo(100);
            assertThat(receipts).doesNotContainKey("GIFTSET-WRITER");
            assertThat(inventory.policies().get("MUG-XMAS-001")).contains("\"reorderPoint\":20");

            JsonNode mug = http.get("/api/catalog/products/personalised-christmas-mug").body();
            assertThat(mug.get("variants").get(0).get("sku").asString()).isEqualTo("MUG-XMAS-001");
            assertThat(mug.get("price").get("currency").asString()).isEqualTo("GBP");
            assertThat(mug.get("personalisationOptions").valueStream().map(o -> o.get("key").asString()))
                    .containsExactly("name", "font");
            assertThat(http.raw(mug.get("images").get(0).get("url").asString() + "/400").status()).isEqualTo(200);
            JsonNode keyring = http.get("/api/catalog/products/engraved-keyring").body();
            assertThat(keyring.get("personalisationOptions").get(0).get("key").asString()).isEqualTo("engraving");
            JsonNode set = http.get("/api/catalog/products/writers-gift-set").body();
            assertThat(set.get("variants").get(0).get("components")).hasSize(2);

            JsonNode giftCard = http.get("/api/catalog/products/atelier-gift-card").body();
            assertThat(giftCard.get("variants").valueStream().map(v -> v.get("sku").asString() + "="
                    + v.get("price").get("amount").asLong()))
                    .containsExactly("GIFTCARD-10=1000", "GIFTCARD-25=2500", "GIFTCARD-50=5000");
            assertThat(giftCard.get("personalisationOptions").valueStream().map(o -> o.get("key").asString()
                    + (o.get("required").asBoolean() ? "*" : "") + "+" + o.get("priceModifier").get("amount").asLong()))
                    .containsExactly("to+0", "from+0", "message+0");
            assertThat(receipts.get("GIFTCARD-25").getFirst().quantity()).isEqualTo(10_000);

            JsonNode sw = http.get("/api/catalog/products?q=WS-C2960X-48FPD-L").body().get("items").get(0);
            assertThat(sw.get("slug").asString()).isEqualTo("cisco-catalyst-2960x-48fpd-l");
            assertThat(sw.get("variants").valueStream().map(v -> v.get("attributes").get("condition").asString()))
                    .containsExactly("Refurbished - Grade A", "Refurbished - Grade B", "New - Open Box");
            assertThat(sw.get("variants").get(0).get("sku").asString()).isEqualTo("SWITCH-REFURB-001");

            JsonNode facets = http.get("/api/catalog/facets?category=personalised-gifts").body();
            Map<String, Long> categories = counts(facets.get("categories"));
            assertThat(categories.keySet()).containsExactlyInAnyOrder("personalised-gifts", "mugs-and-drinkware",
                    "keyrings-and-accessories", "prints-and-canvas", "home-and-living");
            assertThat(counts(facets.get("occasions")).keySet())
                    .containsExactlyInAnyOrder("birthday", "wedding", "christmas", "new-baby");
            assertThat(categories.get("personalised-gifts")).isEqualTo(17);

            // the blog a new store shows: the demo posts published, the last written first, each with its author
            List<String> blog = http.get("/api/catalog/content/posts?limit=50").body().get("items").valueStream()
                    .map(p -> p.get("slug").asString()).toList();
            assertThat(blog).containsSubsequence(DemoContent.POSTS.reversed().stream().map(DemoContent.Post::slug)
                    .toList());
            JsonNode post = http.get("/api/catalog/content/posts/" + DemoContent.POSTS.getFirst().slug()).body();
            assertThat(post.get("author").get("name").asString()).isEqualTo("Hannah Price");
            assertThat(post.get("body").asString().split("\n\n")).hasSizeGreaterThan(3);
        }
    }

    private static Map<String, Long> counts(JsonNode facet) {
        return facet.valueStream().collect(Collectors.toMap(c -> c.get("value").asString(), c -> c.get("count").asLong(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

}
