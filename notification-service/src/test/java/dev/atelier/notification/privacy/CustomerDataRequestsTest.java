package dev.atelier.notification.privacy;

import static dev.atelier.notification.Carts.anAbandonedCartAtStep;
import static dev.atelier.notification.Mailbox.aNewAddress;
import static dev.atelier.notification.Orders.aPlacedOrderOf;
import static dev.atelier.notification.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.events.EventJson;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.notification.email.Suppressions;
import dev.atelier.notification.subscription.Subscriptions;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A customer's data requests, answered for the e-mail log: the export part lists the e-mails sent to them (signed
 * in and as a guest) and their consent; the erasure leaves no text column holding their address, name, street or
 * gift message, keeps that the e-mails went, and erasing again confirms with zeros.
 */
@NotificationTest
class CustomerDataRequestsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Suppressions suppressions;

    EventPublisher publisher;
    EventProbe answers;
    Mailbox mailbox;
    EmailLogRows log;

    String email;
    UUID customerId;
    String name;
    String street;
    String giftMessage;
    OrderPlaced order;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        answers = EventProbe.on(Topics.CUSTOMER_DATA_REQUEST);
        mailbox = new Mailbox(greenMail);
        log = new EmailLogRows(jdbc);
        email = aNewAddress("imogen");
        customerId = UUID.randomUUID();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        name = "Imogen Quill-" + unique;
        street = unique + " Larkspur Mews";
        giftMessage = "For Bramble " + unique + ", with love";
    }

    @AfterEach
    void tearDown() {
        answers.close();
        publisher.close();
    }

    @Test
    void exportsTheEmailsSentToTheCustomerAndTheirConsentAsReadableJson() {
        aCustomerWithMailAndConsent();
        UUID requestId = UUID.randomUUID();

        publisher.publish(new CustomerDataExportRequested(requestId, customerId, email.toUpperCase(), Instant.now()));

        CustomerDataPartReady part = answers.awaitEvent(CustomerDataPartReady.class,
                p -> p.requestId().equals(requestId), DEADLINE);
        assertThat(part.service()).isEqualTo("notification-service");
        assertThat(part.customerId()).isEqualTo(customerId);
        JsonNode json = EventJson.mapper().readTree(part.partJson());
        assertThat(json.get("emailAddress").asString()).isEqualTo(email);
        List<String> kinds = new ArrayList<>();
        json.get("emails").forEach(e -> kinds.add(e.get("kind").asString() + ":" + e.get("status").asString()));
        assertThat(kinds).containsExactlyInAnyOrder("order-confirmation:sent", "abandoned-cart-1:sent",
                "subscription-confirmation:sent");
        assertThat(json.get("emails").get(0).get("sentTo").asString()).isEqualTo(email);
        assertThat(json.get("marketingConsent").get("marketingEmailAllowed").asBoolean()).isTrue();
        assertThat(json.get("marketingConsent").get("howYouToldUs").asString()).isEqualTo("account");
        assertThat(json.get("subscriptionRequest").get("confirmationEmailsSent").asInt()).isEqualTo(1);
        assertThat(json.get("suppressedAfterBounce").get("why").asString()).contains("5.2.1");
    }

    @Test
    void erasureLeavesNoPersonalDataInAnyTextColumnAndConfirmsOnceWithFiguresThenWithZeros() {
        aCustomerWithMailAndConsent();
        UUID requestId = UUID.randomUUID();

        publisher.publish(new CustomerErasureRequested(requestId, customerId, email, Instant.now()));

        CustomerErasureConfirmed confirmed = answers.awaitEvent(CustomerErasureConfirmed.class,
                c -> c.requestId().equals(requestId), DEADLINE);
        assertThat(confirmed.service()).isEqualTo("notification-service");
        assertThat(confirmed.anonymised()).isEqualTo(3);
        // the order read model, the consent, the subscription request, the bounce suppression
        assertThat(confirmed.deleted()).isEqualTo(4);
        // the outbox's EmailSent rows carry the address until the relay has passed them to Kafka
        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String personal : List.of(email, name, street, giftMessage)) {
                assertThat(columnsContaining(personal)).as(personal).isEmpty();
            }
        });
        assertThat(log.ofOrder(order.orderId())).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("template", "order-confirmation").containsEntry("status", "SENT")
                    .containsEntry("recipient", "erased").containsEntry("html_body", "");
            assertThat(row.get("sent_at")).isNotNull();
        });

        UUID again = UUID.randomUUID();
        publisher.publish(new CustomerErasureRequested(again, customerId, email, Instant.now()));
        CustomerErasureConfirmed second = answers.awaitEvent(CustomerErasureConfirmed.class,
                c -> c.requestId().equals(again), DEADLINE);
        assertThat(second.deleted()).isZero();
        assertThat(second.anonymised()).isZero();
    }

    /** A subscription request, consent from the account, an order confirmed, an abandoned-cart step, a bounce. */
    private void aCustomerWithMailAndConsent() {
        order = aPlacedOrderOf(customerId, email, new ShippingAddress(name, street, null, "Bath", "BA1 1AA", "GB"),
                giftMessage);
        subscriptions.request(email);
        UUID consent = publisher.publish(new MarketingConsentChanged(customerId, email, true, "account",
                Instant.now()));
        await().atMost(DEADLINE).until(() -> log.handled(consent));
        publisher.publish(order);
        publisher.publish(theConfirmationOf(order));
        publisher.publish(anAbandonedCartAtStep(UUID.randomUUID(), 1, email));
        mailbox.awaitMessages(email, 3, DEADLINE);
        await().atMost(DEADLINE).until(() -> log.to(email).stream().allMatch(r -> "SENT".equals(r.get("status"))));
        suppressions.suppressHardBounced(email, "5.2.1 mailbox disabled for " + name);
    }

    /** Every text, character, JSON and array column of the schema that contains {@code needle}. */
    private List<String> columnsContaining(String needle) {
        List<String> found = new ArrayList<>();
        jdbc.queryForList("""
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = current_schema()
                          AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')""")
                .forEach(column -> {
                    String table = column.get("table_name").toString();
                    String name = column.get("column_name").toString();
                    Integer count = jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\" WHERE position(lower(?) "
                            + "IN lower(\"" + name + "\"::text)) > 0", Integer.class, needle);
                    if (count != null && count > 0) {
                        found.add(table + "." + name);
                    }
                });
        return found;
    }
}
