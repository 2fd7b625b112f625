package dev.atelier.order.returns;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderRefunded;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnReceived;
import dev.atelier.events.order.ReturnRequested;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.order.Carts;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.order.Payments;
import dev.atelier.order.Shopper;
import dev.atelier.order.Shopper.Placed;
import dev.atelier.order.TestClock;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** A delivered mug comes back chipped: asked for, approved, received (not resellable) and partly refunded. */
@OrderTest
class ReturnsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    TestClock clock;

    Http http;
    Shopper shopper;
    EventProbe orderEvents;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        shopper = new Shopper(http);
        orderEvents = EventProbe.on(Topics.ORDER_ORDER);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        orderEvents.close();
    }

    private record Delivered(Placed placed, UUID paymentId, UUID mugLine) {
    }

    private Delivered aDeliveredOrderOfTwoMugs() {
        Carts cart = aCartWithTwoPersonalisedMugs();
        Placed placed = shopper.pays(cart);
        UUID paymentId = Payments.paid(placed, cart.total());
        UUID mug = UUID.fromString(http.get("/api/admin/orders/" + placed.orderId()).body().get("lines").get(0)
                .get("lineId").asString());
        http.post("/api/admin/orders/" + placed.orderId() + "/shipments",
                "{\"lineIds\": [\"%s\"], \"carrier\": \"Royal Mail\", \"trackingNumber\": \"RM5%s\"}"
                        .formatted(mug, UUID.randomUUID().toString().substring(0, 8)));
        assertThat(http.post("/api/admin/orders/" + placed.orderId() + "/deliveries", "{}").status()).isEqualTo(200);
        return new Delivered(placed, paymentId, mug);
    }

    private Http.Answer askBack(Delivered order, int quantity) {
        return http.post("/api/orders/" + order.placed().orderId() + "/returns",
                "{\"lines\": [{\"lineId\": \"%s\", \"quantity\": %d, \"reason\": \"arrived chipped\"}]}"
                        .formatted(order.mugLine(), quantity), "X-Order-Token", order.placed().token());
    }

    @Test
    void takesBackAChippedMugAndRefundsPartOfItsPrice() {
        Delivered order = aDeliveredOrderOfTwoMugs();

        Http.Answer requested = askBack(order, 1);
        assertThat(requested.status()).as("return %s", requested.body()).isEqualTo(201);
        String returnId = requested.body().get("returnId").asString();
        assertThat(requested.body().get("status").asString()).isEqualTo("REQUESTED");
        ReturnRequested asked = orderEvents.awaitEvent(ReturnRequested.class,
                e -> e.returnId().toString().equals(returnId), DEADLINE);
        assertThat(asked.lines()).singleElement().satisfies(line -> {
            assertThat(line.quantity()).isEqualTo(1);
            assertThat(line.reason()).isEqualTo("arrived chipped");
        });

        assertThat(http.post("/api/admin/returns/" + returnId + "/approve", "", "X-Atelier-Actor",
                "sam.workshop@atelier.example").body().get("status").asString()).isEqualTo("APPROVED");
        ReturnApproved approved = orderEvents.awaitEvent(ReturnApproved.class,
                e -> e.returnId().toString().equals(returnId), DEADLINE);
        assertThat(approved.orderId()).isEqualTo(order.placed().orderId());
        assertThat(approved.orderNumber()).isEqualTo(asked.orderNumber());
        assertThat(approved.customerEmail()).isEqualTo(asked.customerEmail());
        assertThat(approved.lines()).isEqualTo(asked.lines());
        assertThat(approved.refundAmount()).as("one mug at its unit price").isEqualTo(Money.gbp(1499));
        assertThat(approved.returnBy()).isEqualTo(approved.approvedAt().plus(Duration.ofDays(14)));
        assertThat(approved.returnAddress()).isNull();
        assertThat(approved.approvedBy()).isEqualTo("sam.workshop@atelier.example");
        Http.Answer received = http.post("/api/admin/returns/" + returnId + "/receive",
                "{\"lines\": [{\"lineId\": \"%s\", \"resellable\": false}]}".formatted(order.mugLine()));
        assertThat(received.body().get("status").asString()).isEqualTo("RECEIVED");
        ReturnReceived parcel = orderEvents.awaitEvent(ReturnReceived.class,
                e -> e.returnId().toString().equals(returnId), DEADLINE);
        assertThat(parcel.lines()).singleElement().satisfies(line -> assertThat(line.resellable()).isFalse());

        Http.Answer tooMuch = http.post("/api/admin/returns/" + returnId + "/refund", "{\"amount\": 1500}");
        Http.Answer partly = http.post("/api/admin/returns/" + returnId + "/refund", "{\"amount\": 1000}");

        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().get("detail").asString()).contains("GBP 1499");
        assertThat(partly.body().get("status").asString()).isEqualTo("REFUND_REQUESTED");
        RefundRequested refund = orderEvents.awaitEvent(RefundRequested.class,
                e -> e.orderId().equals(order.placed().orderId()), DEADLINE);
        assertThat(refund.amount()).isEqualTo(Money.gbp(1000));
        assertThat(refund.reason()).isEqualTo("RETURN");
        assertThat(refund.paymentId()).isEqualTo(order.paymentId());

        try (EventPublisher payment = EventPublisher.toSharedBroker()) {
            payment.publish(new PaymentRefunded(order.placed().orderId(), order.paymentId(), Money.gbp(1000),
                    "RETURN", Instant.now()));
        }
        OrderRefunded refunded = orderEvents.awaitEvent(OrderRefunded.class,
                e -> e.orderId().equals(order.placed().orderId()), DEADLINE);
        assertThat(refunded.amount()).isEqualTo(Money.gbp(1000));
        assertThat(refunded.returnId()).hasToString(returnId);
        Awaitility.await().atMost(DEADLINE).until(() -> http.get("/api/admin/returns/" + returnId).body()
                .get("status").asString().equals("REFUNDED"));
        assertThat(shopper.order(order.placed()).get("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void refusesMoreUnitsThanWereBoughtLinesNotDeliveredAndReturnsAfterThirtyDays() {
        Delivered order = aDeliveredOrderOfTwoMugs();
        assertThat(askBack(order, 1).status()).isEqualTo(201);

        Http.Answer twoMore = askBack(order, 2);
        Placed undelivered = shopper.pays(aCartWithTwoPersonalisedMugs());
        Http.Answer notDelivered = http.post("/api/admin/orders/" + undelivered.orderId() + "/returns",
                "{\"lines\": [{\"lineId\": \"%s\", \"quantity\": 1, \"reason\": \"changed my mind\"}]}"
                        .formatted(shopper.order(undelivered).get("lines").get(0).get("lineId").asString()));
        clock.advance(Duration.ofDays(31));
        Http.Answer late = askBack(order, 1);

        assertThat(twoMore.status()).isEqualTo(409);
        assertThat(twoMore.body().get("detail").asString()).contains("1 of 2 can still be returned");
        assertThat(notDelivered.status()).isEqualTo(409);
        assertThat(notDelivered.body().get("detail").asString()).contains("only delivered lines");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("detail").asString()).contains("more than 30 days ago");
        assertThat(http.get("/api/admin/orders/" + order.placed().orderId() + "/returns").body()).hasSize(1);
    }
}
