package dev.atelier.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.CatalogStub;
import dev.atelier.cart.Http;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.events.catalog.ProductPublished;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The shopper's cart over real HTTP: lines, personalisation, limits, refusals, price notices. */
@CartTest
class CartApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    Carts carts;

    @Autowired
    TransactionTemplate transaction;

    Catalog catalog;
    Http shopper;
    final CatalogStub stub = CatalogStub.get();

    @BeforeEach
    void setUp() {
        catalog = new Catalog(variants);
        shopper = new Http(port);
    }

    @AfterEach
    void tearDown() {
        catalog.close();
        breakers.circuitBreaker("catalog").reset();
    }

    @Test
    void keepsThreeMugsWithThreeNamesAsThreeLinesAndAddsUpTheSameName() {
        String sku = Catalog.uniqueSku("MUG-XMAS");
        catalog.aPersonalisedMug(sku, 1499);
        stub.accepts(sku, 300, Map.of("name", "Name", "font", "Font"));

        Http.Answer first = shopper.post("/api/cart/items", item(sku, 1, "Sophie"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.setCookies()).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("cart_id=" + first.body().path("id").asString()).contains("HttpOnly")
                .contains("SameSite=Lax").contains("Path=/"));
        shopper.post("/api/cart/items", item(sku, 1, "Oliver"));
        shopper.post("/api/cart/items", item(sku, 1, "Amelia"));
        Http.Answer again = shopper.post("/api/cart/items", item(sku, 2, "Sophie"));

        assertThat(again.setCookies()).as("the cart exists: no new cookie").isEmpty();
        JsonNode cart = again.body();
        assertThat(cart.path("lines")).hasSize(3);
        JsonNode sophie = lineWithName(cart, "Sophie");
        assertThat(sophie.path("quantity").asInt()).isEqualTo(3);
        assertThat(sophie.path("unitPrice").path("amount").asLong()).as("1499 + 300 for the name").isEqualTo(1799);
        assertThat(sophie.path("lineTotal").path("amount").asLong()).isEqualTo(5397);
        assertThat(sophie.path("personalisationLabels").path("name").asString()).isEqualTo("Name");
        assertThat(sophie.path("name").asString()).isEqualTo("Personalised Christmas Mug");
        assertThat(sophie.path("imageUrl").asString()).isEqualTo("/media/" + sku.toLowerCase() + ".jpg");
        assertThat(sophie.path("attributes").path("size").asString()).isEqualTo("11oz");
        assertThat(sophie.path("taxClass").asString()).isEqualTo("STANDARD");
        assertThat(cart.path("totals").path("subtotal").path("amount").asLong()).isEqualTo(5 * 1799);
        assertThat(cart.path("totals").path("taxIncluded").asBoolean()).isTrue();
        assertThat(cart.path("checkoutBlockers")).isEmpty();
        assertThat(cart.path("version").asLong()).as("four changes").isEqualTo(5);
        assertThat(stub.callsFor(sku)).isEqualTo(4);
    }

    @Test
    void keepsThePreviewTheShopperSawWithTheLineAndTheLatestOneWhenTheLineGrows() {
        String sku = Catalog.uniqueSku("MUG-PREVIEW");
        catalog.aPersonalisedMug(sku, 1499);
        stub.accepts(sku, 0, Map.of("name", "Name", "font", "Font"));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        Http.Answer added = shopper.post("/api/cart/items", itemWithPreview(sku, "Sophie", first));
        assertThat(lineWithName(added.body(), "Sophie").path("previewUrl").asString())
                .isEqualTo("/api/catalog/media/" + first);
        assertThat(jdbc.queryForObject("SELECT preview_ref FROM cart_line WHERE sku = ?", UUID.class, sku))
                .isEqualTo(first);

        Http.Answer again = shopper.post("/api/cart/items", itemWithPreview(sku, "Sophie", second));
        JsonNode line = lineWithName(again.body(), "Sophie");
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(line.path("previewUrl").asString()).isEqualTo("/api/catalog/media/" + second);
        assertThat(lineWithName(shopper.get("/api/cart").body(), "Sophie").path("previewUrl").asString())
                .as("read back from the row").isEqualTo("/api/catalog/media/" + second);

        Http.Answer without = shopper.post("/api/cart/items", item(sku, 1, "Oliver"));
        assertThat(lineWithName(without.body(), "Oliver").path("previewUrl").isNull()).isTrue();

        Http.Answer broken = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1, "
                + "\"personalisation\": {\"name\": \"Amelia\"}, \"preview\": \"not-a-picture\"}");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith(PROBLEM_JSON);
    }

    @Test
    void asksCatalogNothingForAPlainProduct() {
        String sku = Catalog.uniqueSku("PLAIN");
        catalog.aPlainMug(sku, 900);

        Http.Answer answer = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("totals").path("subtotal").path("amount").asLong()).isEqualTo(1800);

        // to the cart it now has: the same line grows, one version later
        Http.Answer again = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        assertThat(again.body().path("lines")).singleElement()
                .satisfies(line -> assertThat(line.path("quantity").asInt()).isEqualTo(3));
        assertThat(again.body().path("version").asLong()).isEqualTo(answer.body().path("version").asLong() + 1);
        assertThat(again.body().path("totals").path("subtotal").path("amount").asLong()).isEqualTo(2700);
        assertThat(stub.callsFor(sku)).isZero();

        Http.Answer unknown = shopper.post("/api/cart/items", "{\"sku\": \"NOPE-2\", \"quantity\": 1}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.type()).endsWith("/unknown-sku");
        assertThat(shopper.get("/api/cart").body().path("version").asLong()).as("a refused add changes nothing")
                .isEqualTo(again.body().path("version").asLong());

        String personalisable = Catalog.uniqueSku("ASKED");
        catalog.aPersonalisedMug(personalisable, 1200);
        stub.accepts(personalisable, 0, Map.of());
        Http.Answer unnamed = shopper.post("/api/cart/items", "{\"sku\": \"" + personalisable
                + "\", \"quantity\": 1}");
        assertThat(unnamed.status()).isEqualTo(200);
        assertThat(unnamed.body().path("lines")).hasSize(2);
        assertThat(stub.callsFor(personalisable)).as("a personalisable product goes to catalog, even without a name")
                .isEqualTo(1);
    }

    @Test
    void takesTenUnitsAndTenLinesButRefusesTheEleventhNamingTheLimit() {
        String sku = Catalog.uniqueSku("LIMITS");
        catalog.aPersonalisedMug(sku, 1000);
        stub.accepts(sku, 0, Map.of());

        assertThat(shopper.post("/api/cart/items", item(sku, 10, "Ten")).status()).isEqualTo(200);
        Http.Answer eleventhUnit = shopper.post("/api/cart/items", item(sku, 1, "Ten"));
        assertThat(eleventhUnit.status()).isEqualTo(422);
        assertThat(eleventhUnit.contentType()).startsWith(PROBLEM_JSON);
        assertThat(eleventhUnit.type()).endsWith("/quantity-limit");
        assertThat(eleventhUnit.body().path("limit").asInt()).isEqualTo(10);

        for (int i = 2; i <= 10; i++) {
            assertThat(shopper.post("/api/cart/items", item(sku, 1, "Name" + i)).status()).isEqualTo(200);
        }
        Http.Answer eleventhLine = shopper.post("/api/cart/items", item(sku, 1, "Eleven"));
        assertThat(eleventhLine.status()).isEqualTo(422);
        assertThat(eleventhLine.type()).endsWith("/line-limit");
        assertThat(eleventhLine.body().path("limit").asInt()).isEqualTo(10);
        assertThat(eleventhLine.body().path("detail").asString()).contains("at most 10 lines");

        JsonNode cart = shopper.get("/api/cart").body();
        assertThat(cart.path("lines")).hasSize(10);
        String lineId = cart.path("lines").get(0).path("lineId").asString();
        assertThat(shopper.patch("/api/cart/items/" + lineId, "{\"quantity\": 11}").type()).endsWith("/quantity-limit");
        assertThat(shopper.patch("/api/cart/items/" + lineId, "{\"quantity\": 0}").type()).endsWith("/quantity-limit");
        assertThat(shopper.post("/api/cart/items", item(sku, 0, "Zero")).type()).endsWith("/quantity-limit");

        UUID cartId = UUID.fromString(cart.path("id").asString());
        assertThatThrownBy(() -> jdbc.update("UPDATE cart_line SET quantity = 11 WHERE id = ?::uuid", lineId))
                .as("the database refuses an eleventh unit too").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO cart_line (id, cart_id, slot, sku, quantity, personalisation_key, added_unit_price_minor,
                                       name, added_at)
                VALUES (gen_random_uuid(), ?, 11, 'X', 1, '{}', 100, 'X', now())""", cartId))
                .as("and an eleventh line").isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void answersEachRefusalWithItsOwnProblem() {
        Http.Answer unknown = shopper.post("/api/cart/items", "{\"sku\": \"NOPE-1\", \"quantity\": 1}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.type()).endsWith("/unknown-sku");

        String sku = Catalog.uniqueSku("REFUSED");
        catalog.aPersonalisedMug(sku, 1499);
        stub.accepts(sku, 0, Map.of());
        stub.refuses(sku, Map.of("name", "ThisNameIsFarTooLongForAMug", "font", "Script MT"),
                Map.of("name", "at most 12 characters"));
        Http.Answer invalid = shopper.post("/api/cart/items", item(sku, 1, "ThisNameIsFarTooLongForAMug"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.type()).endsWith("/invalid-personalisation");
        assertThat(invalid.body().path("errors").get(0).path("key").asString()).isEqualTo("name");
        assertThat(invalid.body().path("errors").get(0).path("message").asString()).isEqualTo("at most 12 characters");

        String forgotten = Catalog.uniqueSku("FORGOTTEN");
        catalog.aPersonalisedMug(forgotten, 1499);
        stub.doesNotKnow(forgotten);
        assertThat(shopper.post("/api/cart/items", item(forgotten, 1, "Ann")).type()).endsWith("/unknown-sku");

        assertThat(shopper.post("/api/cart/items", "{\"sku\": \"\", \"quantity\": 1}").type()).endsWith("/validation");
        assertThat(shopper.post("/api/cart/items", "{\"sku\": \"A\", \"quantity\": \"two\"}").type())
                .endsWith("/validation");
        assertThat(shopper.post("/api/cart/items", "{\"sku\": ").type()).endsWith("/malformed-body");
        assertThat(shopper.patch("/api/cart/items/" + UUID.randomUUID(), "{\"quantity\": 1}").status()).isEqualTo(404);
        assertThat(shopper.get("/api/cart?country=GBR").status()).isEqualTo(400);
        assertThat(shopper.get("/api/cart?shippingOption=pigeon").type()).endsWith("/invalid-request");
    }

    @Test
    void answers503WithRetryAfterWhenCatalogIsDownThenStopsAskingIt() {
        String sku = Catalog.uniqueSku("DOWN");
        catalog.aPersonalisedMug(sku, 1499);
        stub.isDownFor(sku);

        List<Http.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(shopper.post("/api/cart/items", item(sku, 1, "Ann")));
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
            assertThat(answer.type()).endsWith("/catalog-unavailable");
            assertThat(answer.retryAfter()).isNotNull();
        });
        assertThat(stub.callsFor(sku)).as("the open breaker stops the calls").isLessThan(12);
    }

    @Test
    void showsAPriceChangeSinceTheLineWasAddedAndBumpsTheVersion() {
        String sku = Catalog.uniqueSku("PRICEY");
        ProductPublished mug = catalog.aPlainMug(sku, 1200);
        JsonNode before = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}").body();

        catalog.changePrice(mug, 1200, 1350);

        JsonNode after = shopper.get("/api/cart").body();
        JsonNode line = after.path("lines").get(0);
        assertThat(line.path("priceChanged").asBoolean()).isTrue();
        assertThat(line.path("previousUnitPrice").path("amount").asLong()).isEqualTo(1200);
        assertThat(line.path("unitPrice").path("amount").asLong()).isEqualTo(1350);
        assertThat(after.path("totals").path("subtotal").path("amount").asLong()).isEqualTo(2700);
        assertThat(after.path("version").asLong()).isGreaterThan(before.path("version").asLong());
    }

    @Test
    void flagsARetiredProductsLineAndBlocksCheckout() {
        String sku = Catalog.uniqueSku("RETIRING");
        ProductPublished mug = catalog.aPlainMug(sku, 1000);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");

        catalog.retire(mug);

        JsonNode cart = shopper.get("/api/cart").body();
        assertThat(cart.path("lines").get(0).path("available").asBoolean()).isFalse();
        assertThat(cart.path("checkoutBlockers")).singleElement().satisfies(blocker -> {
            assertThat(blocker.path("code").asString()).isEqualTo("UNAVAILABLE_LINE");
            assertThat(blocker.path("message").asString()).contains("no longer sold");
        });
        assertThat(shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}").type())
                .endsWith("/product-unavailable");
    }

    @Test
    void pricesGiftWrapAndRefusesALongOrMarkedUpMessage() {
        String sku = Catalog.uniqueSku("GIFT");
        catalog.aPlainMug(sku, 1499);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}");

        JsonNode cart = shopper.put("/api/cart/gift",
                "{\"wrap\": true, \"message\": \"Happy birthday\", \"hidePrices\": true}").body();
        assertThat(cart.path("gift").path("wrap").asBoolean()).isTrue();
        assertThat(cart.path("gift").path("message").asString()).isEqualTo("Happy birthday");
        assertThat(cart.path("gift").path("hidePrices").asBoolean()).isTrue();
        assertThat(cart.path("totals").path("giftWrap").path("amount").asLong()).isEqualTo(350);
        assertThat(cart.path("totals").path("total").path("amount").asLong()).isEqualTo(2998 + 395 + 350);

        Http.Answer tooLong = shopper.put("/api/cart/gift", "{\"wrap\": true, \"message\": \"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("errors").get(0).path("field").asString()).isEqualTo("message");
        assertThat(shopper.put("/api/cart/gift", "{\"wrap\": true, \"message\": \"<b>hi</b>\"}").status())
                .isEqualTo(400);
        assertThat(shopper.get("/api/cart").body().path("gift").path("message").asString())
                .as("nothing half-written").isEqualTo("Happy birthday");
    }

    @Test
    void servesThePricedCartToOrderServiceAndRefusesAnUnknownOne() {
        String sku = Catalog.uniqueSku("INTERNAL");
        catalog.aPlainMug(sku, 1499);
        String id = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}").body()
                .path("id").asString();
        Http service = new Http(port);

        JsonNode cart = service.get("/internal/carts/" + id + "?shippingOption=express&country=GB").body();
        assertThat(cart.path("id").asString()).isEqualTo(id);
        assertThat(cart.path("status").asString()).isEqualTo("OPEN");
        assertThat(cart.path("currency").asString()).isEqualTo("GBP");
        assertThat(cart.path("coupon").isNull()).isTrue();
        assertThat(cart.path("shipping").path("option").asString()).isEqualTo("express");
        assertThat(cart.path("shipping").path("price").path("amount").asLong()).isEqualTo(795);
        assertThat(cart.path("totals").path("total").path("amount").asLong()).isEqualTo(2998 + 795);
        assertThat(cart.path("totals").path("tax").path("amount").asLong()).isEqualTo(632);
        assertThat(cart.path("lines").get(0).path("previousUnitPrice").isNull()).isTrue();
        assertThat(service.get("/internal/carts/" + id).body().path("shipping").path("option").asString())
                .isEqualTo("standard");

        Http.Answer unknown = service.get("/internal/carts/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith(PROBLEM_JSON);
        assertThat(unknown.type()).endsWith("/unknown-cart");
        assertThat(service.get("/internal/carts/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void mergesTheAnonymousCartIntoTheAccountsAtSignInAndReportsWhatDidNotFit() {
        String mugSku = Catalog.uniqueSku("MERGE-MUG");
        String bookSku = Catalog.uniqueSku("MERGE-BOOK");
        catalog.aPersonalisedMug(mugSku, 1499);
        catalog.aBook(bookSku, 999);
        stub.accepts(mugSku, 0, Map.of());
        UUID customerId = UUID.randomUUID();

        Http laptop = new Http(port);
        laptop.post("/api/cart/items", item(mugSku, 8, "Sophie"));
        UUID accountCart = UUID.fromString(laptop.cartCookie());
        Http service = new Http(port);
        Http.Answer adopted = service.post("/internal/carts/merge", "{\"anonymousCartId\": \"" + accountCart
                + "\", \"customerId\": \"" + customerId + "\", \"email\": \"sophie@example.co.uk\"}");
        assertThat(adopted.body().path("cartId").asString()).as("the first cart becomes the account's")
                .isEqualTo(accountCart.toString());

        Http phone = new Http(port);
        phone.post("/api/cart/items", item(mugSku, 3, "Sophie"));
        phone.post("/api/cart/items", item(mugSku, 1, "Oliver"));
        phone.post("/api/cart/items", "{\"sku\": \"" + bookSku + "\", \"quantity\": 1}");
        UUID anonymous = UUID.fromString(phone.cartCookie());

        Http.Answer merged = service.post("/internal/carts/merge", "{\"anonymousCartId\": \"" + anonymous
                + "\", \"customerId\": \"" + customerId + "\"}");

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.body().path("cartId").asString()).isEqualTo(accountCart.toString());
        JsonNode cart = merged.body().path("cart");
        assertThat(cart.path("customerId").asString()).isEqualTo(customerId.toString());
        assertThat(cart.path("email").asString()).isEqualTo("sophie@example.co.uk");
        assertThat(cart.path("lines")).hasSize(3);
        assertThat(lineWithName(cart, "Sophie").path("quantity").asInt()).as("8 + 3, capped").isEqualTo(10);
        assertThat(lineWithName(cart, "Oliver").path("quantity").asInt()).isEqualTo(1);
        assertThat(merged.body().path("conflicts")).singleElement().satisfies(conflict -> {
            assertThat(conflict.path("code").asString()).isEqualTo("QUANTITY_LIMITED");
            assertThat(conflict.path("sku").asString()).isEqualTo(mugSku);
        });
        assertThat(jdbc.queryForObject("SELECT status FROM cart WHERE id = ?", String.class, anonymous))
                .isEqualTo("MERGED");
        assertThat(phone.get("/api/cart").body().path("lines")).as("the old cookie reads an empty cart").isEmpty();
        assertThat(service.post("/internal/carts/merge", "{\"customerId\": \"" + customerId + "\"}").type())
                .endsWith("/validation");
    }

    @Test
    void aShoppersChangeRelaxesItsCommitAndUsesGenericPlansWhileTheLocksOfMergesAndCheckoutDoNot() {
        String sku = Catalog.uniqueSku("DURABLE");
        catalog.aPlainMug(sku, 800);
        Http.Answer added = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        UUID cartId = UUID.fromString(added.body().path("id").asString());

        assertThat(settingsAfter(() -> {
            carts.beginShoppersChange();
            assertThat(carts.lockOpenWithVariant(cartId, sku))
                    .hasValueSatisfying(loaded -> assertThat(loaded.variants()).containsKey(sku));
        })).as("a shopper's change to an open cart").isEqualTo("off force_generic_plan");
        assertThat(settingsAfter(() -> assertThat(carts.lockOpen(cartId)).isPresent()))
                .as("the lock merges and checkout take").isEqualTo("on auto");
        assertThat(jdbc.queryForObject("SELECT current_setting('synchronous_commit') || ' '"
                + " || current_setting('plan_cache_mode')", String.class))
                .as("after the change's transaction").isEqualTo("off auto");
    }

    /**
     * {@code synchronous_commit} and {@code plan_cache_mode} as a transaction that ran {@code lock} would use them,
     * had the server's settings been {@code on} and {@code auto} (the tests' embedded PostgreSQL runs with
     * {@code synchronous_commit} off).
     */
    private String settingsAfter(Runnable lock) {
        String setting = transaction.execute(status -> {
            jdbc.execute("SET LOCAL synchronous_commit = on");
            lock.run();
            return jdbc.queryForObject("SELECT current_setting('synchronous_commit') || ' '"
                    + " || current_setting('plan_cache_mode')", String.class);
        });
        return String.valueOf(setting);
    }

    private static String item(String sku, int quantity, String name) {
        return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"personalisation\": {\"name\": \"" + name
                + "\", \"font\": \"Script MT\"}}";
    }

    private static String itemWithPreview(String sku, String name, UUID preview) {
        return "{\"sku\": \"" + sku + "\", \"quantity\": 1, \"personalisation\": {\"name\": \"" + name
                + "\", \"font\": \"Script MT\"}, \"preview\": \"" + preview + "\"}";
    }

    private static JsonNode lineWithName(JsonNode cart, String name) {
        for (JsonNode line : cart.path("lines")) {
            if (name.equals(line.path("personalisation").path("name").asString())) {
                return line;
            }
        }
        throw new AssertionError("no line for " + name + " in " + cart);
    }
}
