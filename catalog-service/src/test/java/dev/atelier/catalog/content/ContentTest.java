package dev.atelier.catalog.content;

import static dev.atelier.catalog.CatalogFixture.draft;
import static dev.atelier.catalog.CatalogFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** The blog, banners and landing pages over real HTTP: drafts stay hidden, schedules hold, pages show what is on sale. */
@CatalogTest
class ContentTest {

    @Value("${local.server.port}")
    int port;

    Http http;
    CatalogFixture catalog;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        catalog = new CatalogFixture(http);
    }

    private String author() {
        String slug = catalog.unique("hannah");
        assertThat(http.post("/api/admin/catalog/content/authors",
                json(Map.of("slug", slug, "name", "Hannah Price", "bio", "Runs the engraving studio."))).status())
                .isEqualTo(201);
        return slug;
    }

    private String post(String slug, String author) {
        Http.Answer created = http.post("/api/admin/catalog/content/posts", json(Map.of("slug", slug,
                "title", "Ten gifts for " + slug, "summary", "Our picks.", "body", "Long text about " + slug,
                "author", author)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void aPostIsReadOnceItIsPublishedAndThePostsPageThroughNewestFirst() {
        String author = author();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String slug = catalog.unique("gift-guide-" + i);
            String id = post(slug, author);
            assertThat(http.get("/api/catalog/content/posts/" + slug).status()).isEqualTo(404);
            Http.Answer published = http.post("/api/admin/catalog/content/posts/" + id + "/publish", "");
            assertThat(published.text("status")).isEqualTo("PUBLISHED");
            assertThat(published.text("updatedBy")).isEqualTo(Http.ACTOR);
            slugs.addFirst(slug);
            if (i == 0) {
                assertThat(http.post("/api/admin/catalog/content/posts/" + id + "/publish", "").status()).isEqualTo(409);
            }
        }
        String draftSlug = catalog.unique("draft-post");
        post(draftSlug, author);

        List<String> read = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/api/catalog/content/posts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .body();
            page.get("items").forEach(p -> read.add(p.get("slug").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        JsonNode post = http.get("/api/catalog/content/posts/" + slugs.getFirst()).body();
        Http.Answer noAuthor = http.post("/api/admin/catalog/content/posts", json(Map.of("slug", catalog.unique("x"),
                "title", "T", "body", "B", "author", "nobody")));

        assertThat(read).containsSubsequence(slugs).doesNotContain(draftSlug);
        assertThat(post.get("author").get("name").asString()).isEqualTo("Hannah Price");
        assertThat(post.get("body").asString()).startsWith("Long text");
        assertThat(noAuthor.status()).isEqualTo(400);
        assertThat(noAuthor.body().get("errors").get(0).get("field").asString()).isEqualTo("author");
        assertThat(http.get("/api/catalog/sitemap").body().get("posts").valueStream().map(e -> e.get("path").asString()))
                .contains("/blog/" + slugs.getFirst()).doesNotContain("/blog/" + draftSlug);
    }

    @Test
    void onlyBannersWithinTheirScheduleAreShown() {
        Instant now = Instant.now();
        String live = catalog.unique("live");
        String later = catalog.unique("later");
        String over = catalog.unique("over");
        schedule(live, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        schedule(later, now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(3)));
        schedule(over, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)));
        Http.Answer backwards = http.post("/api/admin/catalog/content/banners", json(Map.of("title", "Backwards",
                "link", "/sale", "startsAt", now.toString(), "endsAt", now.minusSeconds(60).toString())));

        List<String> shown = http.get("/api/catalog/content/banners").body().valueStream()
                .map(b -> b.get("title").asString()).toList();

        assertThat(shown).contains(live).doesNotContain(later, over);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
    }

    private void schedule(String title, Instant startsAt, Instant endsAt) {
        Http.Answer created = http.post("/api/admin/catalog/content/banners", json(Map.of("title", title,
                "text", "20% off engraving", "link", "/categories/keyrings", "startsAt", startsAt.toString(),
                "endsAt", endsAt.toString())));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    @Test
    void aLandingPageFeaturesOnlyProductsOnSale() {
        String category = catalog.category(catalog.unique("keyrings"), "Keyrings", null);
        String onSale = catalog.unique("brass-keyring");
        String hidden = catalog.unique("draft-keyring");
        catalog.published(draft("Brass keyring", category, 899).with("slug", onSale).variant(catalog.sku("KR"), Map.of()));
        catalog.create(draft("Draft keyring", category, 899).with("slug", hidden).variant(catalog.sku("KD"), Map.of()));

        Http.Answer described = http.put("/api/admin/catalog/content/landing-pages/category/" + category,
                json(Map.of("heroTitle", "Keyrings they keep", "heroText", "Engraved by hand.",
                        "featured", List.of(hidden, onSale))));
        JsonNode page = http.get("/api/catalog/content/landing-pages/category/" + category).body();
        Http.Answer unknownCategory = http.put("/api/admin/catalog/content/landing-pages/category/no-such-category",
                json(Map.of("heroTitle", "Nothing")));
        Http.Answer unknownProduct = http.put("/api/admin/catalog/content/landing-pages/category/" + category,
                json(Map.of("heroTitle", "Keyrings", "featured", List.of("no-such-product"))));

        assertThat(described.status()).as(described.body().toString()).isEqualTo(200);
        assertThat(page.get("heroTitle").asString()).isEqualTo("Keyrings they keep");
        assertThat(page.get("featured").valueStream().map(f -> f.get("slug").asString())).containsExactly(onSale);
        assertThat(page.get("featured").get(0).get("price").get("amount").asLong()).isEqualTo(899);
        assertThat(unknownCategory.status()).isEqualTo(404);
        assertThat(unknownProduct.status()).isEqualTo(400);
        assertThat(http.get("/api/catalog/content/landing-pages/occasion/" + category).status()).isEqualTo(404);
    }
}
