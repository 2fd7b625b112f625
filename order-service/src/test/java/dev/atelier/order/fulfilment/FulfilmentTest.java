package dev.atelier.order.fulfilment;

import static dev.atelier.order.Carts.aCartWithTwoPersonalisedMugs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderDelivered;
import dev.atelier.events.order.OrderItemFulfilmentChanged;
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

/** The workshop moves each line of a paid order on its own; the order's status and events follow. */
@OrderTest
class FulfilmentTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String MAKER = "maker@atelier.example";

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

    private Placed aPaidOrderOfAMugAndAKeyring() {
        Carts cart = aCartWithTwoPersonalisedMugs().withAnEngravedKeyring();
        Placed placed = shopper.pays(cart);
        Payments.paid(placed, cart.total());
        return placed;
    }

    private JsonNode admin(Placed placed) {
        Http.Answer answer = http.get("/api/admin/orders/" + placed.orderId());
        assertThat(answer.status()).as("admin order %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private Http.Answer post(Placed placed, String what, String json) {
        return http.post("/api/admin/orders/" + placed.orderId() + "/" + what, json, "X-Atelier-Actor", MAKER);
    }

    private static UUID lineId(JsonNode order, String sku) {
        return StreamSupport.stream(order.get("lines").spliterator(), false)
                .filter(l -> l.get("sku").asString().equals(sku)).map(l -> UUID.fromString(l.get("lineId").asString()))
                .findFirst().orElseThrow();
    }

    @Test
    void showsTheMakerEachLinesPersonalisationInWordsItsPhotosAndThePreviewTheShopperSaw() {
        Placed placed = aPaidOrderOfAMugAndAKeyring();

        JsonNode order = admin(placed);

        JsonNode keyring = order.get("lines").get(1);
        assertThat(keyring.get("personalisationText").asString()).isEqualTo("Colour: #d4a017 · Initials: SH");
        assertThat(keyring.get("photos").get(0).asString()).isEqualTo("/media/uploads/sophie.jpg");
        assertThat(order.get("lines").get(0).get("personalisationText").asString())
                .isEqualTo("Font: Script MT · Name: Sophie");
        assertThat(order.get("lines").get(0).get("previewUrl").asString()).isEqualTo(dev.atelier.order.Carts.MUG_PREVIEW);
        assertThat(keyring.get("previewUrl").isNull()).as("the keyring's line came without one").isTrue();
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        assertThat(keyring.get("fulfilmentStatus").asString()).isEqualTo("PENDING");
    }

    @Test
    void shipsTheMugBeforeTheKeyringIsReadyAndDeliversBoth() {
        Placed placed = aPaidOrderOfAMugAndAKeyring();
        JsonNode order = admin(placed);
        UUID mug = lineId(order, "MUG-XMAS-001");
        UUID keyring = lineId(order, "KEYRING-ENG-001");

        Http.Answer inProduction = post(placed, "lines/status",
                "{\"lineIds\": [\"%s\", \"%s\"], \"status\": \"IN_PRODUCTION\"}".formatted(mug, keyring));
        assertThat(inProduction.status()).isEqualTo(200);
        assertThat(inProduction.body().get("status").asString()).isEqualTo("PROCESSING");
        post(placed, "lines/status", "{\"lineIds\": [\"%s\"], \"status\": \"READY\"}".formatted(mug));
        Http.Answer firstParcel = post(placed, "shipments", """
                {"lineIds": ["%s"], "carrier": "Royal Mail", "trackingNumber": "RM123456789GB"}""".formatted(mug));

        assertThat(firstParcel.body().get("status").asString()).isEqualTo("PROCESSING");
        OrderShipped mugShipped = orderEvents.awaitEvent(OrderShipped.class,
                e -> e.orderId().equals(placed.orderId()), DEADLINE);
        assertThat(mugShipped.lineIds()).containsExactly(mug);
        assertThat(mugShipped.trackingNumber()).isEqualTo("RM123456789GB");
        assertThat(mugShipped.complete()).isFalse();

        post(placed, "shipments", """
                {"lineIds": ["%s"], "carrier": "Royal Mail", "trackingNumber": "RM987654321GB"}""".formatted(keyring));
        OrderShipped keyringShipped = orderEvents.awaitEvent(OrderShipped.class,
                e -> e.orderId().equals(placed.orderId()) && e.complete(), DEADLINE);
        assertThat(keyringShipped.lineIds()).containsExactly(keyring);
        assertThat(admin(placed).get("status").asString()).isEqualTo("SHIPPED");

        Http.Answer delivered = post(placed, "deliveries", "{}");
        assertThat(delivered.body().get("status").asString()).isEqualTo("DELIVERED");
        OrderDelivered orderDelivered = orderEvents.awaitEvent(OrderDelivered.class,
                e -> e.orderId().equals(placed.orderId()), DEADLINE);
        assertThat(orderDelivered.skus()).containsExactlyInAnyOrder("MUG-XMAS-001", "KEYRING-ENG-001");
        List<OrderItemFulfilmentChanged> changes = orderEvents.events(OrderItemFulfilmentChanged.class).stream()
                .filter(e -> e.orderId().equals(placed.orderId())).toList();
        assertThat(changes).extracting(OrderItemFulfilmentChanged::status).containsExactly("IN_PRODUCTION",
                "IN_PRODUCTION", "READY", "SHIPPED", "SHIPPED", "DELIVERED", "DELIVERED");
        assertThat(changes).allSatisfy(change -> assertThat(change.actor()).isEqualTo(MAKER));
        assertThat(shopper.order(placed).get("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void refusesToMoveALineBackwardsOrToFulfilAnUnpaidOrder() {
        Placed paid = aPaidOrderOfAMugAndAKeyring();
        UUID mug = lineId(admin(paid), "MUG-XMAS-001");
        post(paid, "lines/status", "{\"lineIds\": [\"%s\"], \"status\": \"READY\"}".formatted(mug));

        Http.Answer backwards = post(paid, "lines/status",
                "{\"lineIds\": [\"%s\"], \"status\": \"IN_PRODUCTION\"}".formatted(mug));
        Http.Answer shipWithoutTracking = post(paid, "shipments",
                "{\"lineIds\": [\"%s\"], \"carrier\": \"Royal Mail\"}".formatted(mug));
        Placed unpaid = shopper.pays(aCartWithTwoPersonalisedMugs());
        Http.Answer notPaid = post(unpaid, "lines/status",
                "{\"lineIds\": [\"%s\"], \"status\": \"READY\"}".formatted(UUID.randomUUID()));
        Http.Answer unknownLine = post(paid, "lines/status",
                "{\"lineIds\": [\"%s\"], \"status\": \"READY\"}".formatted(UUID.randomUUID()));

        assertThat(backwards.status()).isEqualTo(409);
        assertThat(backwards.body().get("detail").asString()).contains("is READY and cannot move to IN_PRODUCTION");
        assertThat(shipWithoutTracking.status()).isEqualTo(400);
        assertThat(shipWithoutTracking.body().get("errors").get(0).get("field").asString()).isEqualTo("trackingNumber");
        assertThat(notPaid.status()).isEqualTo(409);
        assertThat(unknownLine.status()).isEqualTo(404);
        assertThat(admin(paid).get("lines").get(0).get("fulfilmentStatus").asString()).isEqualTo("READY");
    }

    @Test
    void searchesOrdersByEmailNumberAndStatusPageByPage() {
        String email = "search-" + UUID.randomUUID() + "@example.co.uk";
        List<Placed> placed = java.util.stream.IntStream.range(0, 5).mapToObj(i -> {
            Carts cart = aCartWithTwoPersonalisedMugs().served();
            Http.Answer answer = http.post("/api/checkout", Shopper.checkoutBody(cart, "card")
                    .replace("sophie@example.co.uk", email));
            return new Placed(UUID.fromString(answer.body().get("orderId").asString()),
                    answer.body().get("orderNumber").asString(), answer.body().get("orderToken").asString());
        }).toList();

        Http.Answer first = http.get("/api/admin/orders?limit=2&email=" + email.toUpperCase());
        Http.Answer second = http.get("/api/admin/orders?limit=2&email=" + email + "&cursor="
                + first.body().get("nextCursor").asString());
        Http.Answer third = http.get("/api/admin/orders?limit=2&email=" + email + "&cursor="
                + second.body().get("nextCursor").asString());
        Http.Answer byNumber = http.get("/api/admin/orders?number=" + placed.get(2).orderNumber());
        Http.Answer placedOnes = http.get("/api/admin/orders?status=PLACED&limit=100&email=" + email);
        Http.Answer forged = http.get("/api/admin/orders?cursor=forged");
        Http.Answer tooMany = http.get("/api/admin/orders?limit=1000");

        List<String> seen = java.util.stream.Stream.of(first, second, third)
                .flatMap(page -> StreamSupport.stream(page.body().get("items").spliterator(), false))
                .map(item -> item.get("orderNumber").asString()).toList();
        assertThat(seen).containsExactlyElementsOf(placed.reversed().stream().map(Placed::orderNumber).toList());
        assertThat(third.body().get("nextCursor").isNull()).isTrue();
        assertThat(byNumber.body().get("items")).hasSize(1);
        assertThat(byNumber.body().get("items").get(0).get("orderId").asString())
                .isEqualTo(placed.get(2).orderId().toString());
        assertThat(placedOnes.body().get("items")).hasSize(5);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(tooMany.status()).isEqualTo(400);
    }
}
