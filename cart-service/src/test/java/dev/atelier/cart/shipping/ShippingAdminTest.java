package dev.atelier.cart.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.Http;
import dev.atelier.cart.product.SellableVariants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Shipping rates set through the admin API price the next cart; resetting goes back to the configuration. */
@CartTest
class ShippingAdminTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

    @Test
    void pricesCartsWithTheRatesTheStoreSetAndFallsBackToTheConfiguration() {
        String sku = Catalog.uniqueSku("SHIPPED");
        try (Catalog catalog = new Catalog(variants)) {
            catalog.aPlainMug(sku, 1000);
        }
        Http admin = new Http(port);
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        assertThat(admin.get("/api/admin/cart/shipping").body().path("express").path("source").asString())
                .isEqualTo("configuration");
        try {
            Http.Answer set = admin.put("/api/admin/cart/shipping/express", """
                    {"freeAbove": 900, "rates": [{"countries": ["gb"], "upToGrams": 1000, "price": 650},
                                                 {"countries": ["*"], "price": 1800}]}""");
            assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
            assertThat(set.body().path("express").path("source").asString()).isEqualTo("admin");

            JsonNode free = shopper.get("/api/cart?shippingOption=express").body().path("shipping");
            assertThat(free.path("free").asBoolean()).as("£10 of goods is above the new £9 threshold").isTrue();
            admin.put("/api/admin/cart/shipping/express", """
                    {"rates": [{"countries": ["GB"], "upToGrams": 1000, "price": 650}]}""");
            assertThat(shopper.get("/api/cart?shippingOption=express").body().path("shipping").path("price")
                    .path("amount").asLong()).isEqualTo(650);
            assertThat(shopper.get("/api/cart?shippingOption=express&country=FR").type())
                    .as("the new rates no longer ship abroad").endsWith("/invalid-request");

            Http.Answer invalid = admin.put("/api/admin/cart/shipping/express", """
                    {"rates": [{"countries": ["Great Britain"], "price": -1}]}""");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.body().path("errors")).extracting(e -> e.path("field").asString())
                    .contains("rates[0].countries", "rates[0].price");
            assertThat(admin.put("/api/admin/cart/shipping/express", "{\"rates\": []}").status()).isEqualTo(400);
        } finally {
            admin.delete("/api/admin/cart/shipping/express");
        }
        assertThat(shopper.get("/api/cart?shippingOption=express").body().path("shipping").path("price")
                .path("amount").asLong()).as("the configured rate again").isEqualTo(795);
        assertThat(admin.delete("/api/admin/cart/shipping/express").status()).isEqualTo(404);
    }
}
