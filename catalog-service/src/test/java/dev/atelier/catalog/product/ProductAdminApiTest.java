package dev.atelier.catalog.product;

import static dev.atelier.catalog.CatalogFixture.draft;
import static dev.atelier.catalog.CatalogFixture.gbp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.catalog.Relay;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Staff's product API over real HTTP: drafts, publishing, edits and archiving, and the events each one tells. */
@CatalogTest
class ProductAdminApiTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    OutboxRelay relay;

    Http http;
    CatalogFixture catalog;
    String mugs;
    String christmas;

    @BeforeEach
    void setUp() {
        Relay.awaitStreaming(relay);
        http = new Http(port);
        catalog = new CatalogFixture(http);
        String gifts = catalog.category(catalog.unique("gifts"), "Gifts", null);
        mugs = catalog.category(catalog.unique("mugs"), "Mugs", gifts);
        christmas = catalog.occasion(catalog.unique("christmas"), "Christmas");
    }

    private CatalogFixture.Draft aChristmasMug(String sku) {
        return draft("Personalised Christmas Mug", mugs, 1299)
                .with("slug", catalog.unique("xmas-mug"))
                .with("brand", "Atelier Studio")
                .with("occasions", List.of(christmas))
                .variant(sku, Map.of("size", "11oz"))
                .variant(sku + "-L", Map.of("size", "15oz"), 1599L, null)
                .option("name", "TEXT", true, 0, Map.of("maxLength", 12))
                .option("font", "FONT", false, 150, Map.of("fonts", List.of("Serif", "Script")));
    }

    @Test
    void createsADraftWithItsAuditColumnsAndPublishesItsSellableVariants() {
        String sku = catalog.sku("MUG");
        try (EventProbe events = EventProbe.on(Topics.CATALOG_PRODUCT)) {
            Http.Answer created = catalog.create(aChristmasMug(sku));
            String id = created.text("id");
            String slug = created.text("slug");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text("status")).isEqualTo("DRAFT");
            assertThat(created.text("createdBy")).isEqualTo(Http.ACTOR);
            assertThat(created.text("updatedBy")).isEqualTo(Http.ACTOR);
            assertThat(http.get("/api/catalog/products/" + slug).status()).isEqualTo(404);

            Http.Answer published = http.post("/api/admin/catalog/products/" + id + "/publish", "");
            ProductPublished event = events.awaitEvent(ProductPublished.class,
                    e -> e.productId().toString().equals(id), DEADLINE);

            assertThat(published.text("status")).isEqualTo("ACTIVE");
            assertThat(published.body().get("publishedAt").isNull()).isFalse();
            assertThat(event.variants()).containsExactly(
                    new SellableVariant(sku, Money.gbp(1299), 350, Map.of("size", "11oz"), null, false),
                    new SellableVariant(sku + "-L", Money.gbp(1599), 350, Map.of("size", "15oz"), null, false));
            assertThat(event.categories()).containsExactly(catalog.unique("gifts"), mugs);
            assertThat(event.taxClass()).isEqualTo("STANDARD");
            assertThat(event.personalisable()).isTrue();
            JsonNode detail = http.get("/api/catalog/products/" + slug).body();
            assertThat(detail.get("name").asString()).isEqualTo("Personalised Christmas Mug");
            assertThat(detail.get("price").get("amount").asLong()).isEqualTo(1299);
            assertThat(detail.get("variants").get(1).get("price").get("amount").asLong()).isEqualTo(1599);
            assertThat(detail.get("personalisationOptions").get(1).get("constraints").get("fonts").get(1).asString())
                    .isEqualTo("Script");
            assertThat(detail.get("personalisationOptions").get(1).get("priceModifier").get("amount").asLong())
                    .isEqualTo(150);
            assertThat(detail.get("occasions").get(0).get("slug").asString()).isEqualTo(christmas);
        }
    }

    @Test
    void editingAProductOnSaleTellsItsNewPriceAndItsVariants() {
        String sku = catalog.sku("MUGP");
        String id = catalog.published(aChristmasMug(sku));
        try (EventProbe events = EventProbe.on(Topics.CATALOG_PRODUCT)) {
            Http.Answer revised = http.put("/api/admin/catalog/products/" + id, CatalogFixture.json(
                    aChristmasMug(sku).with("price", gbp(999)).variant(sku + "-XL", Map.of("size", "20oz")).body()));
            assertThat(revised.status()).as(revised.body().toString()).isEqualTo(200);

            PriceChanged priceChanged = events.awaitEvent(PriceChanged.class,
                    e -> e.productId().toString().equals(id), DEADLINE);
            ProductUpdated updated = events.awaitEvent(ProductUpdated.class,
                    e -> e.productId().toString().equals(id), DEADLINE);

            assertThat(revised.status()).as(revised.body().toString()).isEqualTo(200);
            assertThat(revised.body().get("version").asLong()).isGreaterThan(0);
            assertThat(priceChanged.sku()).isEqualTo(sku);
            assertThat(priceChanged.previousPrice()).isEqualTo(Money.gbp(1299));
            assertThat(priceChanged.price()).isEqualTo(Money.gbp(999));
            assertThat(updated.variants()).extracting(SellableVariant::sku).containsExactly(sku, sku + "-L", sku + "-XL");
            assertThat(events.events(PriceChanged.class)).filteredOn(e -> e.productId().toString().equals(id))
                    .hasSize(1);
        }
    }

    @Test
    void anEditBasedOnAnOldVersionIsRefusedAndChangesNothing() {
        String sku = catalog.sku("MUGV");
        String id = catalog.create(aChristmasMug(sku)).text("id");
        Http.Raw read = http.raw("/api/admin/catalog/products/" + id);
        String etag = read.headers().firstValue("ETag").orElseThrow();

        Http.Answer first = http.put("/api/admin/catalog/products/" + id,
                CatalogFixture.json(aChristmasMug(sku).with("price", gbp(1399)).body()), etag);
        Http.Answer stale = http.put("/api/admin/catalog/products/" + id,
                CatalogFixture.json(aChristmasMug(sku).with("price", gbp(1499)).body()), etag);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("type")).isEqualTo("https://atelier.dev/problems/stale-version");
        assertThat(http.get("/api/admin/catalog/products/" + id).body().get("price").get("amount").asLong())
                .isEqualTo(1399);
    }

    @Test
    void archivingRetiresTheProductForGood() {
        String sku = catalog.sku("MUGA");
        String id = catalog.published(aChristmasMug(sku));
        String slug = http.get("/api/admin/catalog/products/" + id).text("slug");
        try (EventProbe events = EventProbe.on(Topics.CATALOG_PRODUCT)) {
            Http.Answer archived = http.post("/api/admin/catalog/products/" + id + "/archive", "");
            ProductRetired retired = events.awaitEvent(ProductRetired.class,
                    e -> e.productId().toString().equals(id), DEADLINE);

            assertThat(archived.text("status")).isEqualTo("ARCHIVED");
            assertThat(retired.skus()).containsExactly(sku, sku + "-L");
            assertThat(http.get("/api/catalog/products/" + slug).status()).isEqualTo(404);
            Http.Answer again = http.post("/api/admin/catalog/products/" + id + "/publish", "");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.text("type")).isEqualTo("https://atelier.dev/problems/product-state");
            assertThat(http.put("/api/admin/catalog/products/" + id, CatalogFixture.json(aChristmasMug(sku).body()))
                    .status()).isEqualTo(409);
        }
    }

    @Test
    void aBundleSellsOnlyComponentsOnSaleAndTellsItsComponents() {
        String notebook = catalog.sku("NOTEBOOK");
        String pen = catalog.sku("PEN");
        String parts = catalog.create(draft("Leather notebook and brass pen", mugs, 800)
                .with("slug", catalog.unique("writer-parts"))
                .variant(notebook, Map.of("colour", "tan")).variant(pen, Map.of("colour", "brass"))).text("id");
        String setSku = catalog.sku("GIFTSET");
        Http.Answer set = catalog.create(draft("Writer's gift set", mugs, 3500).with("slug", catalog.unique("writer-set"))
                .bundleOf(setSku, Map.of(notebook, 1, pen, 2)));
        String setId = set.text("id");

        Http.Answer tooEarly = http.post("/api/admin/catalog/products/" + setId + "/publish", "");
        http.post("/api/admin/catalog/products/" + parts + "/publish", "");
        try (EventProbe events = EventProbe.on(Topics.CATALOG_PRODUCT)) {
            Http.Answer published = http.post("/api/admin/catalog/products/" + setId + "/publish", "");
            BundleDefined defined = events.awaitEvent(BundleDefined.class,
                    e -> e.productId().toString().equals(setId), DEADLINE);
            ProductPublished publishedEvent = events.awaitEvent(ProductPublished.class,
                    e -> e.productId().toString().equals(setId), DEADLINE);

            assertThat(set.text("kind")).isEqualTo("BUNDLE");
            assertThat(tooEarly.status()).isEqualTo(409);
            assertThat(tooEarly.text("detail")).contains(notebook).contains(pen);
            assertThat(published.status()).isEqualTo(200);
            assertThat(defined.bundleSku()).isEqualTo(setSku);
            assertThat(defined.components()).extracting(c -> c.sku() + "x" + c.quantity())
                    .containsExactlyInAnyOrder(notebook + "x1", pen + "x2");
            assertThat(publishedEvent.variants().getFirst().bundle()).isTrue();
        }
    }

    @Test
    void aPhotoAndATextKeepWhereTheyArePrintedForThePreview() {
        String slug = catalog.unique("photo-mug");
        String id = catalog.published(draft("Photo mug", mugs, 1499).with("slug", slug)
                .variant(catalog.sku("PHOTO"), Map.of())
                .option("photo", "IMAGE", true, 0, Map.of("aspectRatio", "4:3", "minWidth", 800, "minHeight", 600,
                        "printArea", Map.of("x", 25, "y", 15, "width", 50, "height", 38)))
                .option("name", "TEXT", false, 0, Map.of("maxLength", 16,
                        "printArea", Map.of("x", 20, "y", 60, "width", 60, "height", 12)))
                .option("font", "FONT", false, 0, Map.of("fonts", List.of("Serif"))));

        JsonNode options = http.get("/api/catalog/products/" + slug).body().get("personalisationOptions");
        JsonNode staffView = http.get("/api/admin/catalog/products/" + id).body().get("personalisationOptions");

        assertThat(options.get(0).get("constraints").get("printArea").toString())
                .isEqualTo("{\"x\":25,\"y\":15,\"width\":50,\"height\":38}");
        assertThat(options.get(1).get("constraints").get("printArea").get("y").asInt()).isEqualTo(60);
        assertThat(options.get(2).get("constraints").has("printArea")).isFalse();
        assertThat(staffView.get(0).get("constraints").get("printArea")).isEqualTo(options.get(0).get("constraints")
                .get("printArea"));
    }

    @Test
    void refusesAPrintAreaOutsideThePictureOrOnAnOptionThatPrintsNothing() {
        String slug = catalog.unique("bad-print-area");
        Http.Answer refused = catalog.create(draft("Bad print area", mugs, 1000).with("slug", slug)
                .variant(catalog.sku("AREA"), Map.of())
                .option("photo", "IMAGE", true, 0, Map.of("printArea", Map.of("x", 60, "y", 10, "width", 50,
                        "height", 30)))
                .option("font", "FONT", false, 0, Map.of("fonts", List.of("Serif"),
                        "printArea", Map.of("x", 0, "y", 0, "width", 10, "height", 10))));
        Http.Answer empty = catalog.create(draft("Empty print area", mugs, 1000).with("slug", slug)
                .variant(catalog.sku("AREA"), Map.of())
                .option("name", "TEXT", false, 0, Map.of("printArea", Map.of("x", 0, "y", 0, "width", 0,
                        "height", 10))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").valueStream().map(e -> e.get("field").asString() + ": "
                + e.get("message").asString()))
                .anyMatch(e -> e.startsWith("personalisationOptions[0].constraints.printArea: must lie inside"))
                .anyMatch(e -> e.startsWith("personalisationOptions[1].constraints.printArea: applies to IMAGE"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("personalisationOptions[0].constraints.printArea.width");
        assertThat(http.get("/api/admin/catalog/products?slug=" + slug).body().get("items")).isEmpty();
    }

    @Test
    void refusesAnIncoherentDraftFieldByFieldAndCreatesNothing() {
        String taken = catalog.sku("TAKEN");
        catalog.create(draft("Engraved keyring", mugs, 900).with("slug", catalog.unique("keyring"))
                .variant(taken, Map.of()));
        String slug = catalog.unique("incoherent");

        Http.Answer refused = catalog.create(draft("Incoherent mug", "no-such-category", 1000)
                .with("slug", slug)
                .with("occasions", List.of("no-such-occasion"))
                .variant(taken, Map.of())
                .variant(catalog.sku("NEW"), Map.of(), null, null)
                .variant(catalog.sku("NEW"), Map.of())
                .option("font", "FONT", true, 0, Map.of())
                .option("photo", "IMAGE", true, 0, Map.of("maxLength", 3)));
        Http.Answer badSku = catalog.create(draft("Lower-case SKU", mugs, 1000).variant("lower-case", Map.of()));
        Http.Answer noVariants = catalog.create(draft("Nothing to sell", mugs, 1000));
        Http.Answer wrongCurrency = catalog.create(draft("Euro variant", mugs, 1000)
                .variant(catalog.sku("EUR"), Map.of()).with("variants", List.of(Map.of("sku", catalog.sku("EUR"),
                        "weightGrams", 10, "price", Map.of("amount", 100, "currency", "EUR")))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo("https://atelier.dev/problems/validation");
        assertThat(refused.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("category", "occasions", "variants", "variants[2].sku",
                        "personalisationOptions[0].constraints.fonts", "personalisationOptions[1].constraints");
        assertThat(badSku.status()).isEqualTo(400);
        assertThat(badSku.body().get("errors").get(0).get("field").asString()).isEqualTo("variants[0].sku");
        assertThat(noVariants.status()).isEqualTo(400);
        assertThat(wrongCurrency.status()).isEqualTo(400);
        assertThat(wrongCurrency.body().get("errors").get(0).get("field").asString())
                .isEqualTo("variants[0].price.currency");
        assertThat(http.get("/api/admin/catalog/products?slug=" + slug).body().get("items")).isEmpty();
        assertThat(http.get("/api/admin/catalog/products/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
