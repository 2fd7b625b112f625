package dev.atelier.order.fulfilment;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderShipped;
import dev.atelier.order.Carts;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.order.Payments;
import dev.atelier.order.Shopper;
import dev.atelier.order.Shopper.Placed;
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Ready orders go out to the label tool as CSV; its tracking numbers come back and ship them, once. */
@OrderTest
class ShippingLabelsTest {

    @Value("${local.server.port}")
    int port;

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
        orderEvents.close();
    }

    private Placed aPaidOrderWithItsLinesReady(Carts cart, boolean allLines) {
        Placed placed = shopper.pays(cart);
        Payments.paid(placed, cart.total());
        JsonNode order = http.get("/api/admin/orders/" + placed.orderId()).body();
        List<String> lineIds = StreamSupport.stream(order.get("lines").spliterator(), false)
                .map(l -> "\"" + l.get("lineId").asString() + "\"").limit(allLines ? 10 : 1).toList();
        http.post("/api/admin/orders/" + placed.orderId() + "/lines/status",
                "{\"lineIds\": " + lineIds + ", \"status\": \"READY\"}");
        return placed;
    }

    private String statusOfLine(Placed placed, int index) {
        return http.get("/api/admin/orders/" + placed.orderId()).body().get("lines").get(index)
                .get("fulfilmentStatus").asString();
    }

    @Test
    void exportsReadyOrdersAndShipsTheGoodRowsOfTheImportOnceReportingTheBadOnes() {
        Placed mugReady = aPaidOrderWithItsLinesReady(aCartWithTwoPersonalisedMugs().withAnEngravedKeyring(), false);
        Placed allReady = aPaidOrderWithItsLinesReady(aCartWithTwoPersonalisedMugs(), true);
        Placed unpaid = shopper.pays(aCartWithTwoPersonalisedMugs());

        String export = http.text("/api/admin/orders/shipping-labels.csv");
        assertThat(export).startsWith("Order ID,Name,Company,Address,Address 2,City,State,Zipcode,Country,Email");
        assertThat(export).contains(mugReady.orderNumber() + ",Sophie Hart,,1 Mill Lane,,York,,YO1 7HH,GB,"
                + "sophie@example.co.uk,,,,,,,2 x MUG-XMAS-001\r\n");
        assertThat(export).contains(allReady.orderNumber() + ",").doesNotContain(unpaid.orderNumber());

        String tracking = """
                Order ID,Tracking Number,Carrier
                %s,RM100000001GB,Royal Mail
                %s,RM100000002GB,
                AT-1999-999999,RM100000003GB,Royal Mail
                %s,,Royal Mail

                %s,RM100000004GB,Royal Mail
                """.formatted(mugReady.orderNumber(), allReady.orderNumber(), allReady.orderNumber(),
                unpaid.orderNumber());
        Http.Answer first = http.postText("/api/admin/orders/shipping-labels", "text/csv", tracking);
        Http.Answer again = http.postText("/api/admin/orders/shipping-labels", "text/csv", tracking);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("applied").asInt()).isEqualTo(2);
        assertThat(first.body().get("alreadyApplied").asInt()).isZero();
        JsonNode errors = first.body().get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(errors.get(0).get("reason").asString()).isEqualTo("no such order");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(5);
        assertThat(errors.get(1).get("reason").asString()).isEqualTo("no tracking number");
        assertThat(errors.get(2).get("line").asInt()).isEqualTo(7);
        assertThat(errors.get(2).get("reason").asString()).startsWith("no line of the order is READY");
        assertThat(again.body().get("applied").asInt()).isZero();
        assertThat(again.body().get("alreadyApplied").asInt()).isEqualTo(2);
        assertThat(again.body().get("errors")).hasSize(3);

        OrderShipped shipped = orderEvents.awaitEvent(OrderShipped.class,
                e -> e.orderId().equals(mugReady.orderId()), Duration.ofSeconds(30));
        assertThat(shipped.trackingNumber()).isEqualTo("RM100000001GB");
        assertThat(shipped.complete()).isFalse();
        assertThat(statusOfLine(mugReady, 0)).isEqualTo("SHIPPED");
        assertThat(statusOfLine(mugReady, 1)).as("the keyring was not ready").isEqualTo("PENDING");
        assertThat(http.get("/api/admin/orders/" + allReady.orderId()).body().get("status").asString())
                .isEqualTo("SHIPPED");
        orderEvents.awaitEvent(OrderShipped.class, e -> e.orderId().equals(allReady.orderId()), Duration.ofSeconds(30));
        assertThat(orderEvents.events(OrderShipped.class).stream()
                .filter(e -> e.orderId().equals(mugReady.orderId()) || e.orderId().equals(allReady.orderId())))
                .as("the second import shipped nothing again").hasSize(2);
    }

    @Test
    void refusesAFileWithoutTheColumnsItNeeds() {
        Http.Answer answer = http.postText("/api/admin/orders/shipping-labels", "text/csv", "Order,Parcel\nA,B\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("type").asString()).endsWith("/invalid-csv");
        assertThat(answer.body().get("detail").asString()).contains("'Order ID'");
    }
}
