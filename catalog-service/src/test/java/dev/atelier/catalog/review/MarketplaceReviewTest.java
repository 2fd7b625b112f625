package dev.atelier.catalog.review;

import static dev.atelier.catalog.CatalogFixture.draft;
import static dev.atelier.catalog.CatalogFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Marketplace feedback imported by staff's API (idempotent by marketplace and the marketplace's id), listed apart
 * from the store's reviews with its own rating on the product page, never in the store's; problem+json for every bad
 * import, with nothing written.
 */
@CatalogTest
class MarketplaceReviewTest {

    private static final String IMPORT = "/api/admin/catalog/marketplace-reviews/";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    record Product(String slug, String sku) {
    }

    @Test
    void importsAreUpsertedByMarketplaceAndIdAndKeptApartFromTheStoresReviews() {
        Http staff = new Http(port);
        Product product = product(staff);
        String external = "fb-" + UUID.randomUUID();
        String storeReview = Http.asCustomer(port, UUID.randomUUID()).post("/api/account/reviews", json(Map.of(
                "productSlug", product.slug(), "rating", 5, "text", "Beautiful engraving."))).text("id");
        staff.post("/api/admin/catalog/reviews/" + storeReview + "/publish", "");

        Http.Answer ebay = staff.put(IMPORT + "EBAY/" + external, feedback("sku", product.sku(), 2, "Slow post.",
                "jo_b", "2026-10-01T09:00:00Z"));
        Http.Answer amazon = staff.put(IMPORT + "AMAZON_UK/" + external, feedback("productSlug", product.slug(), 4,
                "Good value.", "Sam", "2026-10-03T09:00:00Z"));
        Http.Answer ebayAgain = staff.put(IMPORT + "ebay/" + external, feedback("sku", product.sku(), 3,
                "Slow post, but lovely.", "jo_b", "2026-10-02T09:00:00Z"));

        assertThat(ebay.status()).as(ebay.body().toString()).isEqualTo(201);
        assertThat(ebay.text("marketplace")).isEqualTo("EBAY");
        assertThat(ebay.text("status")).isEqualTo("PUBLISHED");
        assertThat(amazon.status()).as("the same id on another marketplace is another review").isEqualTo(201);
        assertThat(ebayAgain.status()).as("imported again: updated, 200").isEqualTo(200);
        assertThat(ebayAgain.text("id")).isEqualTo(ebay.text("id"));
        assertThat(ebayAgain.body().get("rating").asInt()).isEqualTo(3);
        assertThat(ebayAgain.text("text")).isEqualTo("Slow post, but lovely.");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM review r JOIN product p ON p.id = r.product_id
                 WHERE p.slug = :slug AND r.source = 'MARKETPLACE'""").param("slug", product.slug())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT imported_by FROM review WHERE id = :id").param("id", UUID.fromString(
                ebay.text("id"))).query(String.class).single()).isEqualTo(Http.ACTOR);

        JsonNode page = staff.get("/api/catalog/products/" + product.slug()).body();
        assertThat(page.get("rating").get("average").asDouble()).as("the store's own reviews only").isEqualTo(5.0);
        assertThat(page.get("rating").get("count").asLong()).isEqualTo(1);
        assertThat(page.get("marketplaceRating").get("average").asDouble()).isEqualTo(3.5);
        assertThat(page.get("marketplaceRating").get("count").asLong()).isEqualTo(2);
        assertThat(staff.get("/api/catalog/products/" + product.slug() + "/reviews").body().get("items").valueStream()
                .map(r -> r.get("id").asString())).containsExactly(storeReview);

        JsonNode first = staff.get("/api/catalog/products/" + product.slug() + "/marketplace-reviews?limit=1").body();
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("marketplace").asString()).as("newest first").isEqualTo("AMAZON_UK");
        assertThat(first.get("items").get(0).get("reviewerName").asString()).isEqualTo("Sam");
        assertThat(first.get("items").get(0).has("externalId")).isFalse();
        JsonNode second = staff.get("/api/catalog/products/" + product.slug() + "/marketplace-reviews?limit=1&cursor="
                + first.get("nextCursor").asString()).body();
        assertThat(second.get("items").get(0).get("id").asString()).isEqualTo(ebay.text("id"));
        assertThat(second.get("items").get(0).get("createdAt").asString()).isEqualTo("2026-10-02T09:00:00Z");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aMarketplaceReviewStaffTookDownStaysDownWhenImportedAgain() {
        Http staff = new Http(port);
        Product product = product(staff);
        String path = IMPORT + "ETSY/" + UUID.randomUUID();
        String id = staff.put(path, feedback("sku", product.sku(), 1, "Visit my shop!", "spam", "2026-09-01T00:00:00Z"))
                .text("id");

        Http.Answer rejected = staff.post("/api/admin/catalog/reviews/" + id + "/reject",
                json(Map.of("reason", "advertising")));
        Http.Answer again = staff.put(path, feedback("sku", product.sku(), 1, "Visit my shop!!", "spam",
                "2026-09-01T00:00:00Z"));

        assertThat(rejected.status()).as(rejected.body().toString()).isEqualTo(200);
        assertThat(rejected.text("source")).isEqualTo("MARKETPLACE");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("REJECTED");
        assertThat(staff.get("/api/catalog/products/" + product.slug() + "/marketplace-reviews").body().get("items"))
                .isEmpty();
        assertThat(staff.get("/api/catalog/products/" + product.slug()).body().get("marketplaceRating").get("count")
                .asLong()).isZero();
    }

    @Test
    void anImportForgetsOnlyTheKeptPageOfItsProduct() {
        Http shopper = new Http(port);
        Product product = product(shopper);
        Product other = product(shopper);
        String category = shopper.get("/api/catalog/products/" + other.slug()).body().get("category").get("slug")
                .asString();
        shopper.get("/api/catalog/products/" + product.slug());
        shopper.get("/api/catalog/products/" + other.slug());
        shopper.get("/api/catalog/products?category=" + category);

        shopper.put(IMPORT + "EBAY/" + UUID.randomUUID(), feedback("sku", product.sku(), 4, "Nice", "Al",
                "2026-10-01T00:00:00Z"));

        assertThat(shopper.get("/api/catalog/products/" + product.slug()).body().get("marketplaceRating").get("count")
                .asLong()).as("the very next read").isOne();
        double before = hits();
        shopper.get("/api/catalog/products/" + other.slug());
        shopper.get("/api/catalog/products?category=" + category);
        assertThat(hits() - before).as("the other product's page and the listing were kept").isEqualTo(2);
    }

    private double hits() {
        return meters.get("cache.gets").tag("cache", "storefront").tag("result", "hit").functionCounter().count();
    }

    static Stream<Arguments> badImports() {
        return Stream.of(
                Arguments.of("EBAY/x-1", feedback("sku", "NO-SUCH-SKU-EVER", 4, "Nice", "Al", "2026-10-01T00:00:00Z"),
                        422, "unknown-product"),
                Arguments.of("EBAY/x-1", feedback("productSlug", "no-such-product-ever", 4, "Nice", "Al",
                        "2026-10-01T00:00:00Z"), 422, "unknown-product"),
                Arguments.of("EBAY/x-1", bothReferences(), 422, "product-reference"),
                Arguments.of("EBAY/x-1", feedback("other", "x", 4, "Nice", "Al", "2026-10-01T00:00:00Z"), 422,
                        "product-reference"),
                Arguments.of("EBAY/x-1", feedback("sku", "{sku}", 0, "Nice", "Al", "2026-10-01T00:00:00Z"), 400,
                        "validation"),
                Arguments.of("EBAY/x-1", feedback("sku", "{sku}", 6, "Nice", "Al", "2026-10-01T00:00:00Z"), 400,
                        "validation"),
                Arguments.of("EBAY/x-1", feedback("sku", "{sku}", 4, " ", "Al", "2026-10-01T00:00:00Z"), 400,
                        "validation"),
                Arguments.of("EBAY/x-1", feedback("sku", "{sku}", 4, "Nice", "", "2026-10-01T00:00:00Z"), 400,
                        "validation"),
                Arguments.of("EBAY/x-1", feedback("sku", "{sku}", 4, "Nice", "Al", "last tuesday"), 400, null),
                Arguments.of("E/x-1", feedback("sku", "{sku}", 4, "Nice", "Al", "2026-10-01T00:00:00Z"), 400,
                        "validation"),
                Arguments.of("EBAY/x%201", feedback("sku", "{sku}", 4, "Nice", "Al", "2026-10-01T00:00:00Z"), 400,
                        "validation"));
    }

    @ParameterizedTest
    @MethodSource("badImports")
    void aBadImportIsAProblemAndWritesNothing(String key, String body, int status, String type) {
        Http staff = new Http(port);
        Product product = product(staff);
        long before = marketplaceRows();

        Http.Answer answer = staff.put(IMPORT + key, body.replace("{sku}", product.sku()));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(answer.text("type")).endsWith("/" + type);
        }
        assertThat(answer.text("detail")).isNotBlank();
        assertThat(marketplaceRows()).isEqualTo(before);
    }

    @Test
    void theMarketplaceListRefusesAForgedCursorAndAnUnknownProduct() {
        Http shopper = new Http(port);
        Product product = product(shopper);

        Http.Answer forged = shopper.get("/api/catalog/products/" + product.slug() + "/marketplace-reviews?cursor=abc");
        Http.Answer unknown = shopper.get("/api/catalog/products/no-such-product-ever/marketplace-reviews");

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).endsWith("/unknown-product");
    }

    private long marketplaceRows() {
        return jdbc.sql("SELECT count(*) FROM review WHERE source = 'MARKETPLACE'").query(Long.class).single();
    }

    private static String feedback(String referenceField, String reference, int rating, String text, String name,
            String createdAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(referenceField, reference);
        body.put("rating", rating);
        body.put("text", text);
        body.put("reviewerName", name);
        body.put("createdAt", createdAt);
        return json(body);
    }

    private static String bothReferences() {
        return json(Map.of("sku", "{sku}", "productSlug", "some-slug", "rating", 4, "text", "Nice",
                "reviewerName", "Al", "createdAt", "2026-10-01T00:00:00Z"));
    }

    private static Product product(Http staff) {
        CatalogFixture catalog = new CatalogFixture(staff);
        String category = catalog.category(catalog.unique("marketplace"), "Marketplace", null);
        String slug = catalog.unique("marketplace-mug");
        String sku = catalog.sku("MKT");
        catalog.published(draft("Marketplace mug", category, 1500).with("slug", slug).variant(sku, Map.of()));
        return new Product(slug, sku);
    }
}
