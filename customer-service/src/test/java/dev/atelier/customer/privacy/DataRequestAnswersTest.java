package dev.atelier.customer.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.Accounts;
import dev.atelier.customer.Api;
import dev.atelier.customer.CustomerTest;
import dev.atelier.customer.Tokens;
import dev.atelier.customer.account.Customer;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The other services' answers to a data request, played by an EventPublisher as their outbox relays would send
 * them: parts assembled into the archive, confirmations recorded per expected service, repeats harmless, strays
 * ignored, broken parts dead-lettered.
 */
@CustomerTest
class DataRequestAnswersTest {

    private static final List<String> OTHERS = List.of("order-service", "payment-service", "cart-service",
            "notification-service", "catalog-service");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcClient jdbc;

    Api api;
    EventPublisher services;

    @BeforeEach
    void open() {
        api = new Api(port);
        services = EventPublisher.toSharedBroker();
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void theArchiveAssemblesEveryServicesPartAsItArrives() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("assemble"));
        String token = tokens.customer(customer.id());
        UUID request = UUID.fromString(api.post("/api/account/data-export", token, null).body().path("requestId")
                .asString());
        JsonNode before = archive(token, request);
        assertThat(before.path("complete").asBoolean()).isFalse();
        assertThat(statusOf(before, "customer-service")).isEqualTo("CONFIRMED");
        OTHERS.forEach(service -> assertThat(statusOf(before, service)).as(service).isEqualTo("AWAITED"));

        Instant prepared = Instant.parse("2026-11-22T10:00:00Z");
        services.publish(part(request, customer.id(), "order-service", "{\"orders\": [{\"number\": \"A-1001\"}]}",
                prepared));
        services.publish(part(request, customer.id(), "payment-service", "{\"payments\": []}", prepared));
        JsonNode twoIn = awaitArchive(token, request, a -> a.path("parts").has("payment-service")
                && a.path("parts").has("order-service"));
        assertThat(twoIn.path("parts").path("order-service").path("orders").get(0).path("number").asString())
                .isEqualTo("A-1001");
        assertThat(twoIn.path("parts").path("customer-service").path("account").path("email").asString())
                .isEqualTo(customer.email());
        assertThat(statusOf(twoIn, "order-service")).isEqualTo("CONFIRMED");
        assertThat(statusOf(twoIn, "cart-service")).isEqualTo("AWAITED");
        assertThat(twoIn.path("complete").asBoolean()).isFalse();
        String orderConfirmedAt = answerOf(twoIn, "order-service").path("confirmedAt").asString();

        // a later part replaces the earlier one; a stale one (prepared before) does not; the confirmation stays
        services.publish(part(request, customer.id(), "order-service", "{\"orders\": [{\"number\": \"A-1002\"}]}",
                prepared.plusSeconds(60)));
        awaitArchive(token, request, a -> a.path("parts").path("order-service").path("orders").get(0)
                .path("number").asString().equals("A-1002"));
        services.publish(part(request, customer.id(), "order-service", "{\"orders\": []}", prepared.minusSeconds(60)));
        for (String service : List.of("cart-service", "notification-service", "catalog-service")) {
            services.publish(part(request, customer.id(), service, "{\"nothing\": true}", prepared));
        }
        JsonNode complete = awaitArchive(token, request, a -> a.path("complete").asBoolean());
        assertThat(complete.path("parts").path("order-service").path("orders").get(0).path("number").asString())
                .isEqualTo("A-1002");
        assertThat(answerOf(complete, "order-service").path("confirmedAt").asString()).isEqualTo(orderConfirmedAt);
        assertThat(complete.path("parts").size()).isEqualTo(6);

        JsonNode listed = api.get("/api/account/data-requests", token).body().get(0);
        assertThat(listed.path("id").asString()).isEqualTo(request.toString());
        assertThat(listed.path("complete").asBoolean()).isTrue();
        JsonNode asStaff = api.get("/api/admin/customers/" + customer.id() + "/data-requests",
                tokens.staff(UUID.randomUUID())).body().get(0);
        assertThat(asStaff.path("services")).isEqualTo(listed.path("services"));
    }

    @Test
    void anErasureRecordsEachServicesConfirmationOnce() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("confirmations"));
        String token = tokens.customer(customer.id());
        UUID request = UUID.fromString(api.post("/api/account/erasure", token, "{\"confirm\": true}").body()
                .path("requestId").asString());
        String staff = tokens.staff(UUID.randomUUID());
        Instant at = Instant.parse("2026-11-22T11:00:00Z");
        services.publish(new CustomerErasureConfirmed(request, customer.id(), "order-service", 0, 3, at));
        services.publish(new CustomerErasureConfirmed(request, customer.id(), "cart-service", 2, 0, at));
        JsonNode partly = awaitRequest(staff, customer.id(), r -> "CONFIRMED".equals(statusOf(r, "cart-service")));
        assertThat(answerOf(partly, "order-service").path("anonymised").asLong()).isEqualTo(3);
        assertThat(answerOf(partly, "cart-service").path("deleted").asLong()).isEqualTo(2);
        assertThat(statusOf(partly, "payment-service")).isEqualTo("AWAITED");
        assertThat(partly.path("complete").asBoolean()).isFalse();

        // erasing again confirms again with zeros: the first confirmation stands
        services.publish(new CustomerErasureConfirmed(request, customer.id(), "cart-service", 0, 0, at.plusSeconds(5)));
        for (String service : List.of("payment-service", "notification-service", "catalog-service")) {
            services.publish(new CustomerErasureConfirmed(request, customer.id(), service, 1, 0, at));
        }
        JsonNode complete = awaitRequest(staff, customer.id(), r -> r.path("complete").asBoolean());
        assertThat(answerOf(complete, "cart-service").path("deleted").asLong()).isEqualTo(2);
        assertThat(answerOf(complete, "cart-service").path("confirmedAt").asString()).isEqualTo(at.toString());
        assertThat(complete.path("kind").asString()).isEqualTo("ERASURE");
    }

    @Test
    void answersThatFitNoRequestAreDroppedAndBrokenPartsDeadLettered() {
        Customer customer = accounts.anActiveCustomer(Accounts.uniqueEmail("strays"));
        Customer other = accounts.anActiveCustomer(Accounts.uniqueEmail("strays-other"));
        String token = tokens.customer(customer.id());
        UUID export = UUID.fromString(api.post("/api/account/data-export", token, null).body().path("requestId")
                .asString());
        Instant now = Instant.now();
        String deadLetters = Topics.deadLetterOf(Topics.CUSTOMER_DATA_REQUEST, "customer-service");
        try (EventProbe probe = EventProbe.on(deadLetters)) {
            UUID unknown = services.publish(part(UUID.randomUUID(), customer.id(), "order-service", "{}", now));
            UUID otherCustomers = services.publish(part(export, other.id(), "order-service", "{\"x\": 1}", now));
            UUID confirmationOfAnExport = services.publish(new CustomerErasureConfirmed(export, customer.id(),
                    "order-service", 1, 1, now));
            UUID notAnObject = services.publish(part(export, customer.id(), "cart-service", "[1, 2]", now));
            for (UUID consumed : List.of(unknown, otherCustomers, confirmationOfAnExport)) {
                Awaitility.await("event " + consumed + " consumed").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                        .until(() -> jdbc.sql("SELECT count(*) FROM inbox WHERE event_id = ?").param(consumed)
                                .query(Integer.class).single() == 1);
            }
            var dead = probe.awaitRecords(1, r -> notAnObject.toString().equals(EventProbe.header(r, "eventId")),
                    DEADLINE);
            assertThat(EventProbe.header(dead.getFirst(), "atelier-dlt-reason")).contains("not a JSON object");
            assertThat(probe.records()).hasSize(1);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM data_request_part WHERE request_id = ?").param(export)
                .query(Integer.class).single()).isZero();
        assertThat(statusOf(archive(token, export), "order-service")).isEqualTo("AWAITED");

        // a part that arrives after the customer was erased is not kept
        api.post("/api/account/erasure", token, "{\"confirm\": true}");
        UUID late = services.publish(part(export, customer.id(), "order-service", "{\"orders\": [\"late\"]}", now));
        Awaitility.await("the late part consumed").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM inbox WHERE event_id = ?").param(late)
                        .query(Integer.class).single() == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM data_request_part WHERE request_id = ?").param(export)
                .query(Integer.class).single()).isZero();
    }

    private static CustomerDataPartReady part(UUID request, UUID customer, String service, String json, Instant at) {
        return new CustomerDataPartReady(request, customer, service, json, at);
    }

    private JsonNode archive(String token, UUID request) {
        Api.Answer answer = api.get("/api/account/data-export/" + request, token);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode awaitArchive(String token, UUID request, java.util.function.Predicate<JsonNode> condition) {
        return Awaitility.await("the archive").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> archive(token, request), condition::test);
    }

    private JsonNode awaitRequest(String staff, UUID customer, java.util.function.Predicate<JsonNode> condition) {
        return Awaitility.await("the data request").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/admin/customers/" + customer + "/data-requests", staff).body().get(0),
                        condition::test);
    }

    private static JsonNode answerOf(JsonNode request, String service) {
        for (JsonNode answer : request.path("services")) {
            if (answer.path("service").asString().equals(service)) {
                return answer;
            }
        }
        throw new AssertionError(service + " is not listed in " + request.path("services"));
    }

    private static String statusOf(JsonNode request, String service) {
        return answerOf(request, service).path("status").asString();
    }
}
