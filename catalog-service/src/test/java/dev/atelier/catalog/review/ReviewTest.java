package dev.atelier.catalog.review;

import static dev.atelier.catalog.CatalogFixture.draft;
import static dev.atelier.catalog.CatalogFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.events.Money;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderLine;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reviews over HTTP with real tokens: customers write one per product under /api/account/reviews, staff publish or
 * reject them under /api/admin/catalog/reviews, shoppers page through the published ones, the product shows their
 * average and count, and order-service's OrderConfirmed and OrderDelivered make them verified purchases.
 */
@CatalogTest
class ReviewTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomerWritesOneReviewPerProductWhichStaffModerateBeforeItCounts() {
        Http staff = new Http(port);
        Product product = product(staff, "Reviewed mug");
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();

        Http.Answer written = write(alice, product.slug(), 5, "Lovely", "The engraving is crisp.", "Alice");
        assertThat(written.status()).as(written.body().toString()).isEqualTo(201);
        assertThat(written.text("status")).isEqualTo("PENDING");
        assertThat(written.body().get("verifiedPurchase").asBoolean()).isFalse();
        assertThat(written.text("authorName")).isEqualTo("Alice");
        String aliceReview = written.text("id");

        assertThat(staff.get("/api/catalog/products/" + product.slug() + "/reviews").body().get("items")).isEmpty();
        assertThat(rating(staff, product)).isEqualTo("0.0/0");

        Http.Answer again = write(alice, product.slug(), 4, null, "Changed my mind.", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).endsWith("/review-exists");

        JsonNode queue = staff.get("/api/admin/catalog/reviews?status=PENDING&limit=100").body();
        assertThat(queue.get("items").valueStream().map(r -> r.get("id").asString())).contains(aliceReview);
        Http.Answer published = staff.post("/api/admin/catalog/reviews/" + aliceReview + "/publish", "");
        assertThat(published.status()).as(published.body().toString()).isEqualTo(200);
        assertThat(published.text("status")).isEqualTo("PUBLISHED");
        assertThat(published.text("moderatedBy")).isEqualTo(Http.ACTOR);
        Http.Answer twice = staff.post("/api/admin/catalog/reviews/" + aliceReview + "/publish", "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("type")).endsWith("/review-state");

        String bobReview = write(bob, product.slug(), 2, null, "Arrived chipped.", null).text("id");
        staff.post("/api/admin/catalog/reviews/" + bobReview + "/publish", "");
        String carolReview = write(carol, product.slug(), 1, null, "Buy from my shop instead!", "Carol").text("id");
        Http.Answer rejected = staff.post("/api/admin/catalog/reviews/" + carolReview + "/reject",
                json(Map.of("reason", "advertising")));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(staff.post("/api/admin/catalog/reviews/" + carolReview + "/publish", "").status()).isEqualTo(409);

        JsonNode page = staff.get("/api/catalog/products/" + product.slug() + "/reviews").body();
        assertThat(page.get("items").valueStream().map(r -> r.get("id").asString()))
                .containsExactly(bobReview, aliceReview);
        assertThat(page.get("items").get(1).get("text").asString()).isEqualTo("The engraving is crisp.");
        assertThat(page.get("items").get(1).has("customerId")).isFalse();
        assertThat(rating(staff, product)).isEqualTo("3.5/2");

        JsonNode carolsOwn = Http.asCustomer(port, carol).get("/api/account/reviews").body();
        assertThat(carolsOwn).hasSize(1);
        assertThat(carolsOwn.get(0).get("status").asString()).isEqualTo("REJECTED");
        assertThat(carolsOwn.get(0).get("rejectionReason").asString()).isEqualTo("advertising");
        assertThat(Http.asCustomer(port, alice).get("/api/account/reviews").body().valueStream()
                .map(r -> r.get("id").asString())).containsExactly(aliceReview);

        assertThat(Http.asCustomer(port, bob).delete("/api/account/reviews/" + aliceReview).status())
                .as("another customer's review is not found").isEqualTo(404);
        assertThat(Http.asCustomer(port, alice).delete("/api/account/reviews/" + aliceReview).status()).isEqualTo(204);
        assertThat(rating(staff, product)).isEqualTo("2.0/1");
        assertThat(write(alice, product.slug(), 4, null, "Second try, after the withdrawal.", null).status())
                .isEqualTo(201);
    }

    @Test
    void refusesAReviewItCannotTakeWithProblems() {
        Http staff = new Http(port);
        Product product = product(staff, "Refused reviews mug");
        UUID customer = UUID.randomUUID();

        Http.Answer tooHigh = write(customer, product.slug(), 6, null, "Six stars!", null);
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.contentType()).startsWith("application/problem+json");
        assertThat(tooHigh.body().get("errors").valueStream().map(e -> e.get("field").asString())).contains("rating");
        Http.Answer noText = write(customer, product.slug(), 3, null, " ", null);
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.body().get("errors").valueStream().map(e -> e.get("field").asString())).contains("text");
        Http.Answer unknown = write(customer, "no-such-product-" + UUID.randomUUID(), 3, null, "Nice.", null);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("type")).endsWith("/unknown-product");
        assertThat(Http.asCustomer(port, customer).get("/api/account/reviews").body()).isEmpty();

        String id = write(customer, product.slug(), 3, null, "Fine.", null).text("id");
        assertThat(staff.post("/api/admin/catalog/reviews/" + id + "/reject", "{}").status()).isEqualTo(400);
        assertThat(staff.post("/api/admin/catalog/reviews/" + UUID.randomUUID() + "/publish", "").status())
                .isEqualTo(404);
        assertThat(staff.get("/api/catalog/products/no-such-product/reviews").status()).isEqualTo(404);
        assertThat(staff.get("/api/catalog/products/" + product.slug() + "/reviews?cursor=forged").status())
                .isEqualTo(400);
    }

    @Test
    void pagesThroughPublishedReviewsNewestFirst() {
        Http staff = new Http(port);
        Product product = product(staff, "Popular reviewed mug");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = write(UUID.randomUUID(), product.slug(), i, null, "Review number " + i, null).text("id");
            staff.post("/api/admin/catalog/reviews/" + id + "/publish", "");
            ids.addFirst(id);
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = staff.get("/api/catalog/products/" + product.slug() + "/reviews?limit=2" + cursor).body();
            page.get("items").forEach(r -> seen.add(r.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : "&cursor=" + page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(ids);
        assertThat(rating(staff, product)).isEqualTo("3.0/5");
    }

    @Test
    void aPaidOrDeliveredOrderMakesTheCustomersReviewAVerifiedPurchase() {
        Http staff = new Http(port);
        Product product = product(staff, "Verified mug");
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        UUID neverBought = UUID.randomUUID();

        String afterReview = write(after, product.slug(), 4, null, "Reviewed before it arrived.", null).text("id");
        try (EventPublisher orders = EventPublisher.toSharedBroker()) {
            orders.publish(new OrderConfirmed(UUID.randomUUID(), "AT-V1", "WEB", "before@example.co.uk",
                    List.of(new OrderLine(UUID.randomUUID(), product.sku(), 1, Money.gbp(1500), Map.of())),
                    Money.gbp(1500), Instant.now(), before, null, null, null, null, null));
            orders.publish(new OrderDelivered(UUID.randomUUID(), "AT-V2", "after@example.co.uk", after,
                    List.of(product.sku()), Instant.now()));
            orders.publish(new OrderDelivered(UUID.randomUUID(), "AT-V3", "guest@example.co.uk", null,
                    List.of(product.sku()), Instant.now()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.asCustomer(port, after).get("/api/account/reviews").body().get(0).get("verifiedPurchase").asBoolean());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM purchase WHERE customer_id = ?").param(before).query(Long.class).single() == 1);
        Http.Answer bought = write(before, product.slug(), 5, null, "Bought and loved.", null);
        assertThat(bought.body().get("verifiedPurchase").asBoolean()).as("bought before writing").isTrue();
        assertThat(write(neverBought, product.slug(), 3, null, "Never bought it.", null).body().get("verifiedPurchase")
                .asBoolean()).isFalse();

        staff.post("/api/admin/catalog/reviews/" + afterReview + "/publish", "");
        JsonNode shown = staff.get("/api/catalog/products/" + product.slug() + "/reviews").body().get("items").get(0);
        assertThat(shown.get("verifiedPurchase").asBoolean()).isTrue();
    }

    record Product(String slug, String sku) {
    }

    private static Product product(Http staff, String name) {
        CatalogFixture catalog = new CatalogFixture(staff);
        String category = catalog.category(catalog.unique("reviewed"), "Reviewed", null);
        String slug = catalog.unique("reviewed-mug");
        String sku = catalog.sku("REV");
        catalog.published(draft(name, category, 1500).with("slug", slug).variant(sku, Map.of()));
        return new Product(slug, sku);
    }

    private Http.Answer write(UUID customer, String slug, int rating, String title, String text, String authorName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productSlug", slug);
        body.put("rating", rating);
        body.put("title", title);
        body.put("text", text);
        body.put("authorName", authorName);
        return Http.asCustomer(port, customer).post("/api/account/reviews", json(body));
    }

    private static String rating(Http http, Product product) {
        JsonNode rating = http.get("/api/catalog/products/" + product.slug()).body().get("rating");
        return rating.get("average").asDouble() + "/" + rating.get("count").asLong();
    }
}
