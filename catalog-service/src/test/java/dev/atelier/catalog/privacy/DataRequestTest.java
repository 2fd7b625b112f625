package dev.atelier.catalog.privacy;

import static dev.atelier.catalog.CatalogFixture.draft;
import static dev.atelier.catalog.CatalogFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.catalog.Relay;
import dev.atelier.events.EventJson;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.messaging.relay.OutboxRelay;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A customer's data request answered for what the catalogue holds (docs/customer-data-requests.md): the export part
 * lists their reviews and purchases; erasure deletes what was never published and the purchases, anonymises the
 * published review (its rating still counts), leaves no trace of the person in any text column, and confirms once
 * however often the request is delivered.
 */
@CatalogTest
class DataRequestTest {

    private static final String TEXT = "Perfect for Grandma Edith at 14 Rose Lane";
    private static final String NAME = "Edith's grandson Tobias";

    @Value("${local.server.port}")
    int port;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Test
    void exportsThenForgetsACustomersReviewsAndPurchases() {
        Relay.awaitStreaming(relay);
        Http staff = new Http(port);
        CatalogFixture catalog = new CatalogFixture(staff);
        String category = catalog.category(catalog.unique("private"), "Private", null);
        String published = catalog.unique("published-mug");
        String pending = catalog.unique("pending-mug");
        String sku = catalog.sku("PRIV");
        catalog.published(draft("Reviewed mug", category, 1200).with("slug", published).variant(sku, Map.of()));
        catalog.published(draft("Pending mug", category, 1200).with("slug", pending).variant(catalog.sku("PEND"), Map.of()));
        UUID customer = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        try (EventPublisher events = EventPublisher.toSharedBroker();
                EventProbe answers = EventProbe.on(Topics.CUSTOMER_DATA_REQUEST)) {
            events.publish(new OrderConfirmed(UUID.randomUUID(), "AT-P1", "WEB", "tobias@example.co.uk",
                    List.of(new OrderLine(UUID.randomUUID(), sku, 1, Money.gbp(1200), Map.of())), Money.gbp(1200),
                    Instant.now(), customer, null, null, null, null, null));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM purchase WHERE customer_id = ?").param(customer).query(Long.class).single() == 1);
            String kept = write(customer, published, 4, TEXT, NAME);
            staff.post("/api/admin/catalog/reviews/" + kept + "/publish", "");
            write(customer, pending, 2, "Not yet moderated, " + NAME, NAME);
            String othersReview = write(other, published, 2, "Someone else's opinion", "Another shopper");
            staff.post("/api/admin/catalog/reviews/" + othersReview + "/publish", "");

            UUID exportId = UUID.randomUUID();
            events.publish(new CustomerDataExportRequested(exportId, customer, "tobias@example.co.uk", Instant.now()));
            CustomerDataPartReady part = answers.awaitEvent(CustomerDataPartReady.class,
                    p -> p.requestId().equals(exportId), Duration.ofSeconds(30));
            assertThat(part.service()).isEqualTo("catalog-service");
            assertThat(part.customerId()).isEqualTo(customer);
            JsonNode exported = EventJson.mapper().readTree(part.partJson());
            assertThat(exported.get("reviews").valueStream().map(r -> r.get("text").asString()))
                    .containsExactlyInAnyOrder(TEXT, "Not yet moderated, " + NAME);
            assertThat(exported.get("reviews").valueStream().map(r -> r.get("productSlug").asString()))
                    .containsExactlyInAnyOrder(published, pending);
            assertThat(exported.get("purchasesKnownForReviews").get(0).get("sku").asString()).isEqualTo(sku);
            assertThat(part.partJson()).doesNotContain("Someone else's opinion");

            UUID erasureId = UUID.randomUUID();
            CustomerErasureRequested erasure = new CustomerErasureRequested(erasureId, customer, "tobias@example.co.uk",
                    Instant.now());
            UUID eventId = events.publish(erasure);
            events.publish(erasure, eventId);
            CustomerErasureConfirmed confirmed = answers.awaitEvent(CustomerErasureConfirmed.class,
                    c -> c.requestId().equals(erasureId), Duration.ofSeconds(30));
            assertThat(confirmed.service()).isEqualTo("catalog-service");
            assertThat(confirmed.deleted()).as("the pending review and the purchase").isEqualTo(2);
            assertThat(confirmed.anonymised()).as("the published review").isEqualTo(1);

            // a second request (a new id) finds nothing left to erase
            UUID again = UUID.randomUUID();
            events.publish(new CustomerErasureRequested(again, customer, "tobias@example.co.uk", Instant.now()));
            CustomerErasureConfirmed nothingLeft = answers.awaitEvent(CustomerErasureConfirmed.class,
                    c -> c.requestId().equals(again), Duration.ofSeconds(30));
            assertThat(nothingLeft.deleted() + nothingLeft.anonymised()).isZero();
            assertThat(answers.events(CustomerErasureConfirmed.class).stream()
                    .filter(c -> c.requestId().equals(erasureId))).as("a redelivered request confirms once").hasSize(1);
        }

        assertThat(textColumnsContaining("Grandma Edith")).isEmpty();
        assertThat(textColumnsContaining("Tobias")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM review WHERE customer_id = ?").param(customer).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM purchase WHERE customer_id = ?").param(customer).query(Long.class)
                .single()).isZero();
        JsonNode rating = staff.get("/api/catalog/products/" + published).body().get("rating");
        assertThat(rating.get("count").asLong()).as("the anonymised rating still counts").isEqualTo(2);
        assertThat(rating.get("average").asDouble()).isEqualTo(3.0);
        assertThat(staff.get("/api/catalog/products/" + published + "/reviews").body().get("items").valueStream()
                .map(r -> r.get("text").asString())).containsExactly("Someone else's opinion");
        assertThat(Http.asCustomer(port, customer).get("/api/account/reviews").body()).isEmpty();
    }

    private String write(UUID customer, String slug, int rating, String text, String authorName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productSlug", slug);
        body.put("rating", rating);
        body.put("text", text);
        body.put("authorName", authorName);
        Http.Answer written = Http.asCustomer(port, customer).post("/api/account/reviews", json(body));
        assertThat(written.status()).as(written.body().toString()).isEqualTo(201);
        return written.text("id");
    }

    // every text column of every table of this service's schema (the outbox's rows leave as soon as Kafka has them)
    private List<String> textColumnsContaining(String needle) {
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')
                   AND table_name NOT IN ('outbox', 'inbox', 'flyway_schema_history', 'shedlock')""")
                .query().listOfRows();
        List<String> found = new java.util.ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            long hits = jdbc.sql("SELECT count(*) FROM \"" + table + "\" WHERE \"" + name + "\"::text ILIKE ?")
                    .param("%" + needle + "%").query(Long.class).single();
            if (hits > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
