package dev.atelier.cart.cart;

import static dev.atelier.cart.Orders.anOrderFor;
import static dev.atelier.cart.Orders.theCancellationOf;
import static dev.atelier.cart.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Catalog;
import dev.atelier.cart.Http;
import dev.atelier.cart.product.SellableVariants;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** An order closes its cart; cancelled before payment, the cart comes back with its lines. */
@CartTest
class CheckoutHandoffTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Value("${local.server.port}")
    int port;

    @Autowired
    SellableVariants variants;

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
        catalog.close();
        publisher.close();
    }

    @Test
    void closesTheCartOnOrderPlacedAndReopensItWhenTheOrderIsCancelledBeforePayment() {
        String sku = Catalog.uniqueSku("HANDOFF");
        catalog.aPlainMug(sku, 1499);
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 2}");
        UUID cartId = UUID.fromString(shopper.cartCookie());
        OrderPlaced order = anOrderFor(cartId);

        publisher.publish(order);
        await("the cart is closed").atMost(DEADLINE).until(() -> "CHECKED_OUT".equals(status(cartId)));
        assertThat(shopper.get("/api/cart").body().path("lines")).as("the shopper sees a fresh cart").isEmpty();
        assertThat(new Http(port).get("/internal/carts/" + cartId).status()).isEqualTo(404);

        publisher.publish(theCancellationOf(order, "PAYMENT_TIMEOUT", false));
        await("the cart is open again").atMost(DEADLINE).until(() -> "OPEN".equals(status(cartId)));
        var cart = shopper.get("/api/cart").body();
        assertThat(cart.path("id").asString()).isEqualTo(cartId.toString());
        assertThat(cart.path("lines")).singleElement()
                .satisfies(line -> assertThat(line.path("quantity").asInt()).isEqualTo(2));
    }

    @Test
    void keepsTheCartClosedWhenPaymentWasTakenAndStartsANewOneOnTheNextAdd() {
        String sku = Catalog.uniqueSku("PAID");
        catalog.aPlainMug(sku, 1499);
        Http shopper = new Http(port);
        shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        UUID cartId = UUID.fromString(shopper.cartCookie());
        OrderPlaced order = anOrderFor(cartId);
        publisher.publish(order);
        await().atMost(DEADLINE).until(() -> "CHECKED_OUT".equals(status(cartId)));

        // both are keyed by the order: the confirmation is applied after the cancellation
        publisher.publish(theCancellationOf(order, "CUSTOMER", true));
        publisher.publish(theConfirmationOf(order));
        await("the cart stays closed and becomes final").atMost(DEADLINE)
                .until(() -> "ORDERED".equals(status(cartId)));

        var next = shopper.post("/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 1}");
        assertThat(next.setCookies()).as("a new cart, a new cookie").hasSize(1);
        assertThat(shopper.cartCookie()).isNotEqualTo(cartId.toString());
        assertThat(next.body().path("lines")).hasSize(1);
    }

    @Test
    void movesTheCancelledOrdersLinesIntoTheCartTheAccountStartedMeanwhile() {
        String mug = Catalog.uniqueSku("FIRST-CART");
        String book = Catalog.uniqueSku("SECOND-CART");
        catalog.aPlainMug(mug, 1499);
        catalog.aBook(book, 999);
        UUID customerId = UUID.randomUUID();
        Http laptop = new Http(port);
        Http service = new Http(port);
        laptop.post("/api/cart/items", "{\"sku\": \"" + mug + "\", \"quantity\": 2}");
        UUID first = UUID.fromString(laptop.cartCookie());
        service.post("/internal/carts/merge", "{\"anonymousCartId\": \"" + first + "\", \"customerId\": \""
                + customerId + "\"}");
        OrderPlaced order = anOrderFor(first);
        publisher.publish(order);
        await().atMost(DEADLINE).until(() -> "CHECKED_OUT".equals(status(first)));

        Http phone = new Http(port);
        phone.post("/api/cart/items", "{\"sku\": \"" + book + "\", \"quantity\": 1}");
        UUID second = UUID.fromString(phone.cartCookie());
        String adopted = service.post("/internal/carts/merge", "{\"anonymousCartId\": \"" + second
                + "\", \"customerId\": \"" + customerId + "\"}").body().path("cartId").asString();
        assertThat(adopted).as("the account's open cart is now the second").isEqualTo(second.toString());

        publisher.publish(theCancellationOf(order, "OUT_OF_STOCK", false));
        await("the first cart's lines join the second").atMost(DEADLINE)
                .until(() -> "MERGED".equals(status(first)));
        var cart = service.get("/internal/carts/" + second).body();
        assertThat(cart.path("lines")).extracting(line -> line.path("sku").asString() + "x"
                + line.path("quantity").asInt()).containsExactlyInAnyOrder(mug + "x2", book + "x1");
    }

    private String status(UUID cartId) {
        return jdbc.queryForObject("SELECT status FROM cart WHERE id = ?", String.class, cartId);
    }
}
