package dev.atelier.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.Http;
import dev.atelier.cart.TestClock;
import dev.atelier.cart.product.SellableVariants;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** A cart nobody touched for 30 days expires; one touched meanwhile does not. */
@CartTest
class CartExpiryTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

    @Autowired
    CartExpiry expiry;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void expiresCartsIdleForThirtyDays() {
        String sku = Catalog.uniqueSku("IDLE");
        try (Catalog catalog = new Catalog(variants)) {
            catalog.aPlainMug(sku, 800);
        }
        Http idle = new Http(port);
        idle.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        Http busy = new Http(port);
        busy.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");

        clock.advance(Duration.ofDays(29));
        busy.patch("/api/cart/items/" + busy.get("/api/cart").body().path("lines").get(0).path("lineId").asString(),
                "{\"quantity\": 2}");
        expiry.expireIdleCarts();
        assertThat(status(idle)).isEqualTo("OPEN");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        expiry.expireIdleCarts();

        assertThat(status(idle)).isEqualTo("EXPIRED");
        assertThat(status(busy)).isEqualTo("OPEN");
        assertThat(idle.get("/api/cart").body().path("lines")).isEmpty();
    }

    private String status(Http shopper) {
        return jdbc.queryForObject("SELECT status FROM cart WHERE id = ?", String.class,
                UUID.fromString(shopper.cartCookie()));
    }
}
