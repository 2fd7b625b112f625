package dev.atelier.order.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.EventJson;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.order.Carts;
import dev.atelier.order.Http;
import dev.atelier.order.OrderTest;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A customer's data requests over the real stack: customer-service is played by publishing its requests on
 * customer.customer, the answers are read from customer.data-request, and the erasure is checked against every text
 * and JSON column of the service's schema.
 */
@OrderTest
class CustomerDataRequestsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderErasure erasure;

    Http http;
    EventPublisher customers;
    EventProbe answers;

    // unique to this test, so that no other test's order carries them
    final String tag = Long.toString(System.nanoTime(), 36);
    final UUID customerId = UUID.randomUUID();
    final String email = "erin." + tag + "@example.org";
    final String name = "Erin Quaile" + tag;
    final String line1 = tag + " Rowan Terrace";
    final String engraving = "Erin" + tag;
    final String giftMessage = "Happy birthday from " + name;

    record Placed(UUID orderId, String orderNumber, String token) {
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        customers = EventPublisher.toSharedBroker();
        answers = EventProbe.on(Topics.CUSTOMER_DATA_REQUEST);
    }

    @AfterEach
    void tearDown() {
        answers.close();
        customers.close();
    }

    private Placed checkout(Carts cart, String asEmail, String asName, String atLine1) {
        Http.Answer answer = http.post("/api/checkout", """
                {"email": "%s", "cartId": "%s", "cartVersion": %d, "paymentMethod": "card",
                 "shippingAddress": {"name": "%s", "line1": "%s", "line2": "Flat 2", "city": "York",
                   "postcode": "YO1 7HH", "country": "GB"}}"""
                .formatted(asEmail, cart.id(), cart.version(), asName, atLine1), "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(answer.status()).as("checkout answer %s", answer.body()).isEqualTo(202);
        return new Placed(UUID.fromString(answer.body().get("orderId").asString()),
                answer.body().get("orderNumber").asString(), answer.body().get("orderToken").asString());
    }

    private Carts anEngravedMug() {
        return anEngravedMug(engraving);
    }

    private static Carts anEngravedMug(String engraving) {
        return Carts.aCart().with("MUG-XMAS-001", "Personalised Christmas Mug", 2, 1499,
                "{\"name\": \"" + engraving + "\", \"font\": \"Script MT\"}", "{\"name\": \"Name\", \"font\": \"Font\"}");
    }

    private void cancel(Placed placed) {
        assertThat(http.post("/api/orders/" + placed.orderId() + "/cancel", "", "X-Order-Token", placed.token())
                .status()).isEqualTo(200);
    }

    /** What accounting keeps of an order: amounts, SKUs, quantities, number and date. */
    private List<String> accountsOf(Placed placed) {
        List<String> figures = new ArrayList<>(jdbc.sql("""
                SELECT order_number || ' ' || placed_at || ' ' || currency || ' ' || subtotal || ' ' || discount || ' '
                       || shipping || ' ' || gift_wrap || ' ' || tax || ' ' || total FROM orders WHERE id = ?""")
                .param(placed.orderId()).query(String.class).list());
        figures.addAll(jdbc.sql("SELECT sku || ' ' || quantity || ' ' || unit_price || ' ' || line_total FROM order_line "
                + "WHERE order_id = ? ORDER BY position").param(placed.orderId()).query(String.class).list());
        return figures;
    }

    /** Every text, character, JSON and array column of the schema that contains {@code needle}. */
    private List<String> columnsContaining(String needle) {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema()
                  AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list().forEach(column -> {
                    Integer count = jdbc.sql("SELECT count(*) FROM \"" + column.get(0) + "\" WHERE position(lower(?) "
                            + "IN lower(\"" + column.get(1) + "\"::text)) > 0").param(needle).query(Integer.class)
                            .single();
                    if (count > 0) {
                        found.add(column.get(0) + "." + column.get(1));
                    }
                });
        return found;
    }

    @Test
    void exportsTheCustomersOrdersAndGuestOrdersUnderTheirEmailAsReadableJson() {
        Placed signedIn = checkout(anEngravedMug().forCustomer(customerId).asAGift(giftMessage).served(), email, name,
                line1);
        Placed asGuest = checkout(anEngravedMug().served(), email.toUpperCase(Locale.ROOT), name, line1);
        Placed someoneElses = checkout(anEngravedMug("Olly").served(), "other." + tag + "@example.org", "Other Person",
                "9 Elm Street");
        UUID requestId = UUID.randomUUID();

        customers.publish(new CustomerDataExportRequested(requestId, customerId, email, Instant.now()));

        CustomerDataPartReady part = answers.awaitEvent(CustomerDataPartReady.class,
                e -> e.requestId().equals(requestId), DEADLINE);
        assertThat(part.service()).isEqualTo("order-service");
        assertThat(part.customerId()).isEqualTo(customerId);
        JsonNode json = EventJson.mapper().readTree(part.partJson());
        List<JsonNode> orders = StreamSupport.stream(json.get("orders").spliterator(), false).toList();
        assertThat(orders).extracting(o -> o.get("orderNumber").asString())
                .containsExactlyInAnyOrder(signedIn.orderNumber(), asGuest.orderNumber())
                .doesNotContain(someoneElses.orderNumber());
        JsonNode gift = orders.stream().filter(o -> o.get("orderNumber").asString().equals(signedIn.orderNumber()))
                .findFirst().orElseThrow();
        assertThat(gift.get("status").asString()).isEqualTo("PLACED");
        assertThat(gift.get("email").asString()).isEqualTo(email);
        assertThat(gift.get("shippingAddress").get("name").asString()).isEqualTo(name);
        assertThat(gift.get("shippingAddress").get("line1").asString()).isEqualTo(line1);
        assertThat(gift.get("gift").get("message").asString()).isEqualTo(giftMessage);
        assertThat(gift.get("totals").get("total").asString()).isEqualTo("33.93 GBP");
        JsonNode line = gift.get("lines").get(0);
        assertThat(line.get("product").asString()).isEqualTo("Personalised Christmas Mug");
        assertThat(line.get("unitPrice").asString()).isEqualTo("14.99 GBP");
        assertThat(line.get("personalisation").get("Name").asString()).isEqualTo(engraving);
        assertThat(gift.get("history").get(0).get("status").asString()).isEqualTo("PLACED");
        assertThat(part.partJson()).doesNotContain(signedIn.orderId().toString());
    }

    @Test
    void anonymisesClosedOrdersAtOnceAndOpenOnesWhenTheyCloseKeepingTheirAccounts() {
        Placed closed = checkout(anEngravedMug().forCustomer(customerId).asAGift(giftMessage).served(), email, name,
                line1);
        cancel(closed);
        Placed open = checkout(anEngravedMug().served(), email.toUpperCase(Locale.ROOT), name, line1);
        Placed someoneElses = checkout(anEngravedMug("Olly").served(), "other." + tag + "@example.org", "Other Person",
                "9 Elm Street");
        List<String> closedAccounts = accountsOf(closed);
        List<String> openAccounts = accountsOf(open);
        UUID requestId = UUID.randomUUID();

        // an account event the service knowingly ignores, then the erasure on the same partition (key: the customer)
        customers.publish(new CustomerRegistered(customerId, email, "Erin", Instant.now()));
        customers.publish(new CustomerErasureRequested(requestId, customerId, email, Instant.now()));

        Awaitility.await().atMost(DEADLINE).until(() -> jdbc.sql("SELECT erased_at IS NOT NULL FROM orders WHERE id = ?")
                .param(closed.orderId()).query(Boolean.class).single());
        Map<String, Object> waiting = jdbc.sql("SELECT email, ship_line1, erasure_request_id FROM orders WHERE id = ?")
                .param(open.orderId()).query().singleRow();
        assertThat(waiting).as("an open order keeps what it needs to be made and sent")
                .containsEntry("email", email.toUpperCase(Locale.ROOT)).containsEntry("ship_line1", line1)
                .containsEntry("erasure_request_id", requestId);
        assertThat(jdbc.sql("SELECT confirmed_at IS NULL FROM erasure_request WHERE request_id = ?").param(requestId)
                .query(Boolean.class).single()).as("not confirmed while an order is open").isTrue();

        cancel(open);
        erasure.sweep();

        CustomerErasureConfirmed confirmed = answers.awaitEvent(CustomerErasureConfirmed.class,
                e -> e.requestId().equals(requestId), DEADLINE);
        assertThat(confirmed.service()).isEqualTo("order-service");
        assertThat(confirmed.anonymised()).isEqualTo(2);
        assertThat(confirmed.deleted()).as("the two checkouts' idempotency records").isEqualTo(2);
        // what the relay has not yet sent (and then deletes) may still name them for a moment; nothing else may
        Awaitility.await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(columnsContaining(email)).as("columns holding the e-mail").isEmpty();
            assertThat(columnsContaining(name)).as("columns holding the name").isEmpty();
            assertThat(columnsContaining(line1)).as("columns holding the address line").isEmpty();
            assertThat(columnsContaining(engraving)).as("columns holding the engraving").isEmpty();
        });
        assertThat(accountsOf(closed)).isEqualTo(closedAccounts);
        assertThat(accountsOf(open)).isEqualTo(openAccounts);
        Map<String, Object> erased = jdbc.sql("SELECT email, ship_name, ship_line1, ship_line2, ship_city, "
                + "ship_postcode, ship_country, gift_message, customer_id FROM orders WHERE id = ?")
                .param(closed.orderId()).query().singleRow();
        assertThat(erased).containsEntry("email", "erased").containsEntry("ship_name", "erased")
                .containsEntry("ship_line2", "erased").containsEntry("ship_postcode", "erased")
                .containsEntry("ship_country", "GB").containsEntry("gift_message", "erased")
                .containsEntry("customer_id", null);
        assertThat(jdbc.sql("SELECT personalisation->>'name' FROM order_line WHERE order_id = ?")
                .param(closed.orderId()).query(String.class).single()).isEqualTo("erased");
        assertThat(columnsContaining("other." + tag + "@example.org")).as("someone else's order is untouched")
                .contains("orders.email");
        assertThat(http.get("/api/orders/" + someoneElses.orderId(), "X-Order-Token", someoneElses.token())
                .body().get("status").asString()).isEqualTo("PLACED");

        // erasing again finds nothing left and says so
        UUID again = UUID.randomUUID();
        customers.publish(new CustomerErasureRequested(again, customerId, email, Instant.now()));
        CustomerErasureConfirmed second = answers.awaitEvent(CustomerErasureConfirmed.class,
                e -> e.requestId().equals(again), DEADLINE);
        assertThat(second.anonymised()).isZero();
        assertThat(second.deleted()).isZero();
        assertThat(accountsOf(closed)).isEqualTo(closedAccounts);
    }
}
