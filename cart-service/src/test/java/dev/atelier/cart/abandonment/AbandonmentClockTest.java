package dev.atelier.cart.abandonment;

import static dev.atelier.cart.Orders.anOrderFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.Http;
import dev.atelier.cart.TestClock;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.cart.CartAbandoned;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recovery sequence's clock, moved by the test: steps at 2 h, 24 h and 72 h, once each; none after an order, for
 * an emptied cart, an unsubscribed address or a cart without one.
 */
@CartTest
class AbandonmentClockTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

    @Autowired
    AbandonmentClock abandonment;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcTemplate jdbc;

    Catalog catalog;
    EventPublisher publisher;

    @BeforeEach
    void setUp() {
        catalog = new Catalog(variants);
        publisher = EventPublisher.toSharedBroker();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        catalog.close();
        publisher.close();
    }

    @Test
    void sendsEachStepOnceAtItsTimeAndNoneAfterAnOrderOrForAnEmptiedCartOrAnUnsubscribedOrUnknownAddress() {
        String sku = Catalog.uniqueSku("ABANDONED");
        catalog.aPlainMug(sku, 1499);
        publisher.publish(new StockLevelChanged(sku, 5, 2, 3));
        await().atMost(DEADLINE).until(() -> variants.find(sku).orElseThrow().available() != null);
        UUID forgotten = aCartWith(sku, "forgetful@example.co.uk");
        UUID ordered = aCartWith(sku, "buyer@example.co.uk");
        UUID unsubscribed = aCartWith(sku, "no-mail@example.co.uk");
        UUID anonymous = aCartWith(sku, null);
        Http emptiedBy = new Http(port);
        emptiedBy.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        emptiedBy.put("/api/cart/email", "{\"email\": \"changed-mind@example.co.uk\"}");
        emptiedBy.delete("/api/cart/items/" + emptiedBy.get("/api/cart").body().path("lines").get(0).path("lineId")
                .asString());
        UUID emptied = UUID.fromString(emptiedBy.cartCookie());
        assertThat(new Http(port).post("/internal/carts/abandonment/unsubscribes",
                "{\"email\": \"No-Mail@example.co.uk\"}").status()).isEqualTo(204);
        List<UUID> mine = List.of(forgotten, ordered, unsubscribed, anonymous, emptied);

        try (EventProbe mails = EventProbe.on(Topics.CART_CART)) {
            clock.advance(Duration.ofMinutes(119));
            assertThat(sentTo(mine)).as("not yet").isEmpty();

            clock.advance(Duration.ofMinutes(2));
            assertThat(sentTo(mine)).containsExactlyInAnyOrder(new AbandonmentClock.Sent(forgotten, 1),
                    new AbandonmentClock.Sent(ordered, 1));
            assertThat(sentTo(mine)).as("step 1 once").isEmpty();
            CartAbandoned first = mails.awaitEvent(CartAbandoned.class,
                    e -> e.cartId().equals(forgotten) && e.step() == 1, DEADLINE);
            assertThat(first.customerEmail()).isEqualTo("forgetful@example.co.uk");
            assertThat(first.subtotal()).isEqualTo(Money.gbp(2998));
            assertThat(first.lines()).singleElement().satisfies(line -> {
                assertThat(line.sku()).isEqualTo(sku);
                assertThat(line.quantity()).isEqualTo(2);
                assertThat(line.available()).as("stock only from step 2").isNull();
            });

            publisher.publish(anOrderFor(ordered));
            await("the order closes its cart").atMost(DEADLINE).until(() -> "CHECKED_OUT".equals(
                    jdbc.queryForObject("SELECT status FROM cart WHERE id = ?", String.class, ordered)));
            assertThat(jdbc.queryForObject("SELECT converted_step FROM cart WHERE id = ?", Integer.class, ordered))
                    .as("the step that converted").isEqualTo(1);

            clock.advance(Duration.ofHours(22));
            assertThat(sentTo(mine)).containsExactly(new AbandonmentClock.Sent(forgotten, 2));
            CartAbandoned second = mails.awaitEvent(CartAbandoned.class,
                    e -> e.cartId().equals(forgotten) && e.step() == 2, DEADLINE);
            assertThat(second.lines().getFirst().available()).isEqualTo(3);
            assertThat(second.lines().getFirst().unitPrice()).isEqualTo(Money.gbp(1499));

            clock.advance(Duration.ofHours(48));
            assertThat(sentTo(mine)).containsExactly(new AbandonmentClock.Sent(forgotten, 3));
            CartAbandoned third = mails.awaitEvent(CartAbandoned.class,
                    e -> e.cartId().equals(forgotten) && e.step() == 3, DEADLINE);
            assertThat(third.couponCode()).startsWith("COMEBACK-");
            assertThat(third.couponDiscount()).as("10% of 29.98").isEqualTo(Money.gbp(300));
            assertThat(Duration.between(clock.instant(), third.couponExpiresAt()))
                    .isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));
            assertThat(jdbc.queryForObject("SELECT max_uses FROM coupon WHERE code = ?", Integer.class,
                    third.couponCode())).as("single use").isEqualTo(1);

            clock.advance(Duration.ofDays(10));
            assertThat(sentTo(mine)).as("the sequence is over").isEmpty();
            assertThat(mails.events(CartAbandoned.class).stream().filter(e -> mine.contains(e.cartId())))
                    .extracting(e -> e.cartId() + "#" + e.step())
                    .containsExactlyInAnyOrder(forgotten + "#1", ordered + "#1", forgotten + "#2", forgotten + "#3");
        }
    }

    private List<AbandonmentClock.Sent> sentTo(List<UUID> carts) {
        return abandonment.tick().stream().filter(s -> carts.contains(s.cartId())).toList();
    }

    private UUID aCartWith(String sku, String email) {
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}");
        if (email != null) {
            assertThat(shopper.put("/api/cart/email", "{\"email\": \"" + email + "\"}").status()).isEqualTo(200);
        }
        return UUID.fromString(shopper.cartCookie());
    }
}
