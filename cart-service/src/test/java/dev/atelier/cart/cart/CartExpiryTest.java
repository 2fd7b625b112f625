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
import org.springframework.transaction.support.TransactionTemplate;

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

    @Autowired
    TransactionTemplate transaction;

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

    /**
     * What every change to a cart's lines does to its row (the version and the idle clock move) stays a HOT update:
     * the idle index is a BRIN, so the change writes no new entry in the cart's indexes (V4).
     */
    @Test
    void touchingACartIsAHotUpdate() {
        String sku = Catalog.uniqueSku("HOT");
        try (Catalog catalog = new Catalog(variants)) {
            catalog.aPlainMug(sku, 800);
        }
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        UUID cart = UUID.fromString(shopper.cartCookie());

        // this backend's counts not yet reported (earlier transactions on the pooled connection) are in the view:
        // the difference around the update is the update's own
        long[] updates = transaction.execute(status -> {
            long[] before = updateCounts();
            jdbc.update("UPDATE cart SET version = version + 1, last_activity_at = now(), abandonment_step = 0 "
                    + "WHERE id = ?", cart);
            long[] after = updateCounts();
            return new long[] {after[0] - before[0], after[1] - before[1]};
        });

        assertThat(updates).containsExactly(1, 1);
    }

    private long[] updateCounts() {
        return jdbc.queryForObject("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'cart'",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    private String status(Http shopper) {
        return jdbc.queryForObject("SELECT status FROM cart WHERE id = ?", String.class,
                UUID.fromString(shopper.cartCookie()));
    }
}
