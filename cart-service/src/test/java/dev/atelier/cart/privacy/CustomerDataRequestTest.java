package dev.atelier.cart.privacy;

import static dev.atelier.cart.Orders.anOrderWithCoupon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.CatalogStub;
import dev.atelier.cart.Http;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.events.EventJson;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A customer's data requests as customer-service sends them: the export answers with the carts (signed in and guest)
 * and coupon uses; the erasure leaves no trace of the e-mail or the personalisation in any text column, keeps the
 * coupons' usage figures, touches nobody else's cart, and confirms again with zeros when asked twice.
 */
@CartTest
class CustomerDataRequestTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

    @Autowired
    JdbcTemplate jdbc;

    Catalog catalog;
    EventPublisher publisher;
    EventProbe answers;

    @BeforeEach
    void setUp() {
        catalog = new Catalog(variants);
        publisher = EventPublisher.toSharedBroker();
        answers = EventProbe.on(Topics.CUSTOMER_DATA_REQUEST);
    }

    @AfterEach
    void tearDown() {
        catalog.close();
        publisher.close();
        answers.close();
    }

    @Test
    void exportsTheCustomersCartsThenErasesThemLeavingNoTextColumnWithTheirEmail() {
        String mug = Catalog.uniqueSku("GDPR-MUG");
        catalog.aPersonalisedMug(mug, 1499);
        CatalogStub.get().accepts(mug, 300, Map.of("name", "Name"));
        String plain = Catalog.uniqueSku("GDPR-PLAIN");
        catalog.aPlainMug(plain, 999);
        UUID customerId = UUID.randomUUID();
        String email = "erin." + customerId.toString().substring(0, 8) + "@example.co.uk";
        String engraved = "Zephyrine" + customerId.toString().substring(0, 4);

        // a signed-in cart with a personalised line and a gift message, ordered with a coupon
        Http account = new Http(port);
        account.post("/api/cart/items", "{\"sku\": \"" + mug + "\", \"quantity\": 1, \"personalisation\": "
                + "{\"name\": \"" + engraved + "\"}}");
        account.put("/api/cart/gift", "{\"wrap\": true, \"message\": \"Love from " + engraved + "\"}");
        UUID accountCart = UUID.fromString(account.cartCookie());
        assertThat(account.post("/internal/carts/merge", "{\"anonymousCartId\": \"" + accountCart
                + "\", \"customerId\": \"" + customerId + "\", \"email\": \"" + email + "\"}").status()).isEqualTo(200);
        String coupon = "GDPR" + customerId.toString().substring(0, 6).toUpperCase();
        assertThat(account.post("/api/admin/cart/coupons", "{\"code\": \"" + coupon + "\", \"kind\": \"FIXED_AMOUNT\","
                + " \"amountOff\": 300, \"maxUses\": 10}").status()).isEqualTo(201);
        publisher.publish(anOrderWithCoupon(accountCart, coupon, customerId, email));
        await("the coupon is redeemed").atMost(DEADLINE).until(() -> redemptions(coupon) == 1);
        // a guest cart under the same address, typed in capitals
        Http guest = new Http(port);
        guest.post("/api/cart/items", "{\"sku\": \"" + plain + "\", \"quantity\": 3}");
        guest.put("/api/cart/email", "{\"email\": \"" + email.toUpperCase() + "\"}");
        guest.post("/internal/carts/abandonment/unsubscribes", "{\"email\": \"" + email + "\"}");
        // someone else's cart, which must stay
        Http stranger = new Http(port);
        stranger.post("/api/cart/items", "{\"sku\": \"" + plain + "\", \"quantity\": 1}");
        stranger.put("/api/cart/email", "{\"email\": \"someone.else@example.co.uk\"}");
        long usesBefore = uses(coupon);
        assertThat(textColumnsContaining(email)).isNotEmpty();

        UUID exportId = UUID.randomUUID();
        publisher.publish(new CustomerDataExportRequested(exportId, customerId, email, Instant.now()));
        CustomerDataPartReady part = answers.awaitEvent(CustomerDataPartReady.class,
                p -> p.requestId().equals(exportId), DEADLINE);
        assertThat(part.service()).isEqualTo("cart-service");
        assertThat(part.customerId()).isEqualTo(customerId);
        JsonNode exported = EventJson.mapper().readTree(part.partJson());
        assertThat(exported.path("carts")).hasSize(2);
        assertThat(exported.path("carts").findValuesAsString("status")).containsExactlyInAnyOrder("CHECKED_OUT", "OPEN");
        assertThat(exported.path("carts").toString()).contains(engraved, "Love from " + engraved, mug, plain)
                .doesNotContain(stranger.cartCookie());
        assertThat(exported.path("couponUses")).singleElement().satisfies(use -> {
            assertThat(use.path("coupon").asString()).isEqualTo(coupon);
            assertThat(use.path("discount").path("amount").asLong()).isEqualTo(300);
        });
        assertThat(exported.path("abandonedCartRemindersStopped").asBoolean()).isTrue();

        UUID erasureId = UUID.randomUUID();
        publisher.publish(new CustomerErasureRequested(erasureId, customerId, email, Instant.now()));
        CustomerErasureConfirmed confirmed = answers.awaitEvent(CustomerErasureConfirmed.class,
                c -> c.requestId().equals(erasureId), DEADLINE);
        assertThat(confirmed.service()).isEqualTo("cart-service");
        assertThat(confirmed.deleted()).as("2 carts, 2 lines, 1 opt-out").isEqualTo(5);
        assertThat(confirmed.anonymised()).as("the coupon use").isEqualTo(1);
        // the relay deletes the outbox row of the export (which carried the carts) once Kafka has it
        await("no text column holds the e-mail").atMost(DEADLINE)
                .until(() -> textColumnsContaining(email).isEmpty());
        assertThat(textColumnsContaining(engraved)).isEmpty();
        assertThat(guest.get("/api/cart").body().path("lines")).as("the guest cart is gone").isEmpty();
        assertThat(stranger.get("/api/cart").body().path("lines")).as("another shopper's cart stays").hasSize(1);
        assertThat(uses(coupon)).as("the coupon's usage figures do not change").isEqualTo(usesBefore);
        assertThat(redemptions(coupon)).isEqualTo(1);

        UUID again = UUID.randomUUID();
        publisher.publish(new CustomerErasureRequested(again, customerId, email, Instant.now()));
        CustomerErasureConfirmed second = answers.awaitEvent(CustomerErasureConfirmed.class,
                c -> c.requestId().equals(again), DEADLINE);
        assertThat(List.of(second.deleted(), second.anonymised())).as("nothing left to erase").containsExactly(0L, 0L);
    }

    @Test
    void aWithdrawnMarketingConsentStopsTheAbandonedCartReminders() {
        String plain = Catalog.uniqueSku("CONSENT");
        catalog.aPlainMug(plain, 999);
        String email = "nomail." + UUID.randomUUID().toString().substring(0, 8) + "@example.co.uk";
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + plain + "\", \"quantity\": 1}");
        shopper.put("/api/cart/email", "{\"email\": \"" + email + "\"}");

        publisher.publish(new MarketingConsentChanged(UUID.randomUUID(), email, true, "ACCOUNT", Instant.now()));
        publisher.publish(new MarketingConsentChanged(UUID.randomUUID(), email.toUpperCase(), false, "ACCOUNT",
                Instant.now()));
        await("the address is unsubscribed").atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM abandonment_unsubscribe WHERE email = ?", Long.class, email) == 1);
        assertThat(jdbc.queryForObject("SELECT abandonment_ended FROM cart WHERE id = ?::uuid", String.class,
                shopper.cartCookie())).isEqualTo("UNSUBSCRIBED");
    }

    private long redemptions(String coupon) {
        return jdbc.queryForObject("SELECT count(*) FROM coupon_redemption WHERE code = ?", Long.class, coupon);
    }

    private long uses(String coupon) {
        return jdbc.queryForObject("SELECT uses FROM coupon WHERE code = ?", Long.class, coupon);
    }

    /** Every text-like column of every table of the service's schema that contains {@code needle}, any case. */
    private List<String> textColumnsContaining(String needle) {
        return jdbc.query("""
                        SELECT table_name, column_name FROM information_schema.columns
                         WHERE table_schema = 'public'
                           AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')""",
                        (rs, row) -> List.of(rs.getString(1), rs.getString(2))).stream()
                .filter(column -> jdbc.queryForObject("SELECT count(*) FROM \"" + column.get(0) + "\" WHERE strpos(lower(\""
                        + column.get(1) + "\"::text), ?) > 0", Long.class, needle.toLowerCase()) > 0)
                .map(column -> column.get(0) + "." + column.get(1))
                .toList();
    }
}
