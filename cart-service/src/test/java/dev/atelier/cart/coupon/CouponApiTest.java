package dev.atelier.cart.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.Http;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Coupons over HTTP: the admin API, and a shopper previewing a coupon on the cart. */
@CartTest
class CouponApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

    Catalog catalog;
    Http admin;

    @BeforeEach
    void setUp() {
        catalog = new Catalog(variants);
        admin = new Http(port);
    }

    @AfterEach
    void tearDown() {
        catalog.close();
    }

    @Test
    void previewsTheDiscountOnTheCartAndRefusesWhatCannotApply() {
        String mug = Catalog.uniqueSku("COUPON-MUG");
        String book = Catalog.uniqueSku("COUPON-BOOK");
        catalog.aPlainMug(mug, 1499);
        catalog.aBook(book, 1000);
        String tenPercent = create("{\"kind\": \"PERCENTAGE\", \"percentOff\": 10}");
        String bigSpender = create("{\"kind\": \"FIXED_AMOUNT\", \"amountOff\": 1000, \"minimumSpend\": 10000}");
        String mugsOnly = create("{\"kind\": \"FIXED_AMOUNT\", \"amountOff\": 500, \"categories\": [\"mugs\"]}");
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + book + "\", \"quantity\": 1}");

        Http.Answer notForBooks = shopper.post("/api/cart/coupon", "{\"code\": \"" + mugsOnly + "\"}");
        assertThat(notForBooks.status()).isEqualTo(422);
        assertThat(notForBooks.type()).endsWith("/coupon-not-applicable");
        Http.Answer tooSmall = shopper.post("/api/cart/coupon", "{\"code\": \"" + bigSpender + "\"}");
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.type()).endsWith("/coupon-minimum-spend");
        assertThat(tooSmall.body().path("detail").asString()).contains("£90.00 more");
        assertThat(shopper.post("/api/cart/coupon", "{\"code\": \"NOPE-NOPE\"}").type()).endsWith("/unknown-coupon");
        assertThat(shopper.post("/api/cart/coupon", "{\"code\": \"\"}").type()).endsWith("/validation");

        shopper.post("/api/cart/items", "{\"sku\": \"" + mug + "\", \"quantity\": 2}");
        JsonNode cart = shopper.post("/api/cart/coupon", "{\"code\": \" " + tenPercent.toLowerCase() + " \"}").body();
        assertThat(cart.path("coupon").path("code").asString()).isEqualTo(tenPercent);
        assertThat(cart.path("coupon").path("discount").path("amount").asLong()).as("10% of 39.98")
                .isEqualTo(400);
        assertThat(cart.path("totals").path("discount").path("amount").asLong()).isEqualTo(400);
        assertThat(cart.path("totals").path("total").path("amount").asLong()).isEqualTo(3998 - 400 + 395);
        String id = cart.path("id").asString();
        assertThat(new Http(port).get("/internal/carts/" + id).body().path("totals").path("total").path("amount")
                .asLong()).as("checkout reads the same total").isEqualTo(3993);

        admin.post("/api/admin/cart/coupons/" + tenPercent + "/deactivate", "");
        JsonNode after = shopper.get("/api/cart").body();
        assertThat(after.path("coupon").path("problem").asString()).isEqualTo("INACTIVE");
        assertThat(after.path("totals").path("discount").path("amount").asLong()).isZero();
        assertThat(after.path("checkoutBlockers")).anySatisfy(b -> assertThat(b.path("code").asString())
                .isEqualTo("COUPON_UNAVAILABLE"));
        assertThat(shopper.delete("/api/cart/coupon").body().path("coupon").isNull()).isTrue();
    }

    @Test
    void theAdminApiNeedsAStaffTokenWithASecondFactor() {
        String code = "GUARD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String body = "{\"code\": \"" + code + "\", \"kind\": \"PERCENTAGE\", \"percentOff\": 50}";
        Http.Answer anonymous = admin.postAs(null, "/api/admin/cart/coupons", body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(admin.postAs("Bearer " + TestTokens.customer(UUID.randomUUID()), "/api/admin/cart/coupons", body)
                .status()).as("a shopper").isEqualTo(403);
        assertThat(admin.postAs("Bearer " + TestTokens.staffWithoutSecondFactor(), "/api/admin/cart/coupons", body)
                .status()).as("staff signed in with the password only").isEqualTo(403);
        assertThat(admin.postAs("Bearer " + TestTokens.expired(UUID.randomUUID()), "/api/admin/cart/coupons", body)
                .status()).isEqualTo(401);
        assertThat(admin.get("/api/admin/cart/coupons/" + code).status()).as("the refused calls created nothing")
                .isEqualTo(404);
        assertThat(admin.postAs("Bearer " + TestTokens.admin(), "/api/admin/cart/coupons", body).status())
                .isEqualTo(201);
        assertThat(new Http(port).get("/api/cart").status()).as("the shopper's API stays open").isEqualTo(200);
    }

    @Test
    void createsListsWithUsageAndDeactivatesCoupons() {
        String code = create("{\"kind\": \"PERCENTAGE\", \"percentOff\": 15, \"maxUses\": 100}");
        JsonNode one = admin.get("/api/admin/cart/coupons/" + code.toLowerCase()).body();
        assertThat(one.path("coupon").path("kind").asString()).isEqualTo("PERCENTAGE");
        assertThat(one.path("coupon").path("createdBy").asString()).isEqualTo("staff:" + Http.STAFF);
        assertThat(one.path("remaining").asInt()).isEqualTo(100);
        assertThat(one.path("held").asInt()).isZero();

        Http.Answer batch = admin.post("/api/admin/cart/coupons",
                "{\"code\": \"VIP" + UUID.randomUUID().toString().substring(0, 4) + "\", \"kind\": \"FREE_SHIPPING\", "
                        + "\"uniqueCodes\": 3}");
        assertThat(batch.status()).isEqualTo(201);
        assertThat(batch.body().path("coupons")).hasSize(3).allSatisfy(c -> {
            assertThat(c.path("coupon").path("singleUse").asBoolean()).isTrue();
            assertThat(c.path("coupon").path("maxUses").asInt()).isEqualTo(1);
        });

        Http.Answer page = admin.get("/api/admin/cart/coupons?limit=2");
        assertThat(page.body().path("items")).hasSize(2);
        assertThat(page.body().path("nextCursor").isNull()).isFalse();
        assertThat(admin.get("/api/admin/cart/coupons?cursor=forged").type()).endsWith("/invalid-cursor");

        JsonNode deactivated = admin.post("/api/admin/cart/coupons/" + code + "/deactivate", "").body();
        assertThat(deactivated.path("coupon").path("active").asBoolean()).isFalse();

        Http.Answer duplicate = admin.post("/api/admin/cart/coupons", "{\"code\": \"" + code
                + "\", \"kind\": \"PERCENTAGE\", \"percentOff\": 5}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.type()).endsWith("/coupon-exists");
        Http.Answer noPercent = admin.post("/api/admin/cart/coupons", "{\"code\": \"HALF\", \"kind\": \"PERCENTAGE\"}");
        assertThat(noPercent.status()).isEqualTo(400);
        assertThat(noPercent.body().path("errors").get(0).path("field").asString()).isEqualTo("percentOff");
        assertThat(admin.post("/api/admin/cart/coupons", "{\"code\": \"X\", \"kind\": \"BOGOF\"}").type())
                .endsWith("/validation");
        assertThat(admin.get("/api/admin/cart/coupons/NOT-THERE").status()).isEqualTo(404);
    }

    private String create(String terms) {
        String code = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Http.Answer created = admin.post("/api/admin/cart/coupons", "{\"code\": \"" + code + "\", "
                + terms.substring(1));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return code;
    }
}
