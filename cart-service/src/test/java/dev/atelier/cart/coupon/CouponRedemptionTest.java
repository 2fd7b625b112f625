package dev.atelier.cart.coupon;

import static dev.atelier.cart.Orders.anOrderWithCoupon;
import static dev.atelier.cart.Orders.theCancellationOf;
import static dev.atelier.cart.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.cart.CartTest;
import dev.atelier.cart.Http;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The saga's coupon step: a 5-use coupon is used 5 times, not 7, however the orders interleave. */
@CartTest
class CouponRedemptionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http admin;
    EventPublisher publisher;

    @BeforeEach
    void setUp() {
        admin = new Http(port);
        publisher = EventPublisher.toSharedBroker();
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void redeemsExactlyFiveOfFiftyConcurrentOrdersThenReleasesAndReusesAUse() throws Exception {
        String code = aCoupon("{\"kind\": \"PERCENTAGE\", \"percentOff\": 10, \"maxUses\": 5}");
        List<OrderPlaced> orders = IntStream.range(0, 50)
                .mapToObj(i -> anOrderWithCoupon(UUID.randomUUID(), code.toLowerCase(), UUID.randomUUID(),
                        "shopper" + i + "@example.co.uk"))
                .toList();
        Set<UUID> ids = orders.stream().map(OrderPlaced::orderId).collect(Collectors.toSet());

        try (EventProbe answers = EventProbe.on(Topics.CART_CART)) {
            publishConcurrently(orders, 8);
            await("an answer for each of 50 orders").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> answered(answers, ids) == 50);

            List<CouponRedeemed> redeemed = answers.events(CouponRedeemed.class).stream()
                    .filter(e -> ids.contains(e.orderId())).toList();
            List<CouponRejected> rejected = answers.events(CouponRejected.class).stream()
                    .filter(e -> ids.contains(e.orderId())).toList();
            assertThat(redeemed).hasSize(5).allSatisfy(e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.discount()).isEqualTo(Money.gbp(300));
            });
            assertThat(rejected).hasSize(45).allSatisfy(e -> assertThat(e.reason()).isEqualTo("USED_UP"));
            assertThat(uses(code)).isEqualTo(5).isEqualTo(heldRedemptions(code));

            OrderPlaced cancelled = orders.stream().filter(o -> o.orderId().equals(redeemed.getFirst().orderId()))
                    .findFirst().orElseThrow();
            publisher.publish(theCancellationOf(cancelled, "PAYMENT_FAILED", false));
            CouponReleased released = answers.awaitEvent(CouponReleased.class,
                    e -> e.orderId().equals(cancelled.orderId()), DEADLINE);
            assertThat(released.code()).isEqualTo(code);
            assertThat(uses(code)).isEqualTo(4).isEqualTo(heldRedemptions(code));

            OrderPlaced another = anOrderWithCoupon(UUID.randomUUID(), code, null, "late@example.co.uk");
            publisher.publish(another);
            answers.awaitEvent(CouponRedeemed.class, e -> e.orderId().equals(another.orderId()), DEADLINE);
            assertThat(uses(code)).isEqualTo(5).isEqualTo(heldRedemptions(code));

            // a confirmed order's use is final: a later cancellation (a refund) does not give it back
            OrderPlaced confirmed = orders.stream().filter(o -> o.orderId().equals(redeemed.get(1).orderId()))
                    .findFirst().orElseThrow();
            publisher.publish(theConfirmationOf(confirmed));
            await().atMost(DEADLINE).until(() -> "FINAL".equals(status(confirmed.orderId())));
            publisher.publish(theCancellationOf(confirmed, "CUSTOMER", true));
            OrderPlaced marker = anOrderWithCoupon(UUID.randomUUID(), code, null, "marker@example.co.uk");
            publisher.publish(marker);
            assertThat(answers.awaitEvent(CouponRejected.class, e -> e.orderId().equals(marker.orderId()), DEADLINE)
                    .reason()).isEqualTo("USED_UP");
            assertThat(answers.events(CouponReleased.class)).noneMatch(e -> e.orderId().equals(confirmed.orderId()));
            assertThat(uses(code)).isEqualTo(5).isEqualTo(heldRedemptions(code));
        }
    }

    @Test
    void rejectsWithTheReason() {
        String perCustomer = aCoupon("{\"kind\": \"FIXED_AMOUNT\", \"amountOff\": 500, \"perCustomerLimit\": 1}");
        String expensive = aCoupon("{\"kind\": \"PERCENTAGE\", \"percentOff\": 20, \"minimumSpend\": 10000}");
        String retired = aCoupon("{\"kind\": \"FREE_SHIPPING\"}");
        admin.post("/api/admin/cart/coupons/" + retired + "/deactivate", "");
        UUID customer = UUID.randomUUID();

        try (EventProbe answers = EventProbe.on(Topics.CART_CART)) {
            OrderPlaced first = anOrderWithCoupon(UUID.randomUUID(), perCustomer, customer, "ann@example.co.uk");
            OrderPlaced second = anOrderWithCoupon(UUID.randomUUID(), perCustomer, customer, "ann@example.co.uk");
            OrderPlaced guestSameMail = anOrderWithCoupon(UUID.randomUUID(), perCustomer, null, "ANN@example.co.uk");
            OrderPlaced tooSmall = anOrderWithCoupon(UUID.randomUUID(), expensive, null, "bob@example.co.uk");
            OrderPlaced inactive = anOrderWithCoupon(UUID.randomUUID(), retired, null, "cy@example.co.uk");
            OrderPlaced unknown = anOrderWithCoupon(UUID.randomUUID(), "NO-SUCH-CODE", null, "di@example.co.uk");
            publisher.publish(first);
            answers.awaitEvent(CouponRedeemed.class, e -> e.orderId().equals(first.orderId()), DEADLINE);
            List.of(second, guestSameMail, tooSmall, inactive, unknown).forEach(publisher::publish);

            assertThat(reason(answers, second)).isEqualTo("CUSTOMER_LIMIT");
            assertThat(reason(answers, guestSameMail)).isEqualTo("CUSTOMER_LIMIT");
            assertThat(reason(answers, tooSmall)).isEqualTo("NOT_APPLICABLE");
            assertThat(reason(answers, inactive)).isEqualTo("INACTIVE");
            assertThat(reason(answers, unknown)).isEqualTo("NOT_FOUND");
        }
        assertThat(uses(perCustomer)).isEqualTo(1);
    }

    private String reason(EventProbe answers, OrderPlaced order) {
        return answers.awaitEvent(CouponRejected.class, e -> e.orderId().equals(order.orderId()), DEADLINE).reason();
    }

    private String aCoupon(String terms) {
        String code = "TEST" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Http.Answer created = admin.post("/api/admin/cart/coupons", "{\"code\": \"" + code + "\", "
                + terms.substring(1));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return code;
    }

    private int uses(String code) {
        return jdbc.queryForObject("SELECT uses FROM coupon WHERE code = ?", Integer.class, code);
    }

    private int heldRedemptions(String code) {
        return jdbc.queryForObject("SELECT count(*) FROM coupon_redemption WHERE code = ? AND status IN "
                + "('REDEEMED', 'FINAL')", Integer.class, code);
    }

    private String status(UUID orderId) {
        return jdbc.queryForList("SELECT status FROM coupon_redemption WHERE order_id = ?", String.class, orderId)
                .stream().findFirst().orElse("");
    }

    private static long answered(EventProbe answers, Set<UUID> ids) {
        List<UUID> all = new ArrayList<>();
        answers.events(CouponRedeemed.class).forEach(e -> all.add(e.orderId()));
        answers.events(CouponRejected.class).forEach(e -> all.add(e.orderId()));
        return all.stream().filter(ids::contains).distinct().count();
    }

    private void publishConcurrently(List<OrderPlaced> orders, int producers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                sends.add(CompletableFuture.runAsync(() -> {
                    for (int i = producer; i < orders.size(); i += producers) {
                        publisher.send(orders.get(i), UUID.randomUUID());
                    }
                    publisher.flush();
                }, pool));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
    }
}
