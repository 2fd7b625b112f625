package dev.atelier.notification.order;

import static dev.atelier.notification.Mailbox.aNewAddress;
import static dev.atelier.notification.Orders.aPlacedOrderWithAPersonalisedMug;
import static dev.atelier.notification.Orders.theConfirmationOf;
import static dev.atelier.notification.Orders.theMugShippedOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.notification.EmailSent;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.ReturnApproved;
import dev.atelier.events.order.ReturnLine;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.notification.Orders;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The order's events reach the shopper as e-mails, through Kafka, the e-mail log and SMTP, once each. */
@NotificationTest
@ExtendWith(OutputCaptureExtension.class)
class OrderMailTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PERSONALISATION = "Colour: #d4a017 · Font: Script MT · Name: Sophie";

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    EventPublisher publisher;
    EventProbe emailEvents;
    Mailbox mailbox;
    EmailLogRows log;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        emailEvents = EventProbe.on(Topics.NOTIFICATION_EMAIL);
        mailbox = new Mailbox(greenMail);
        log = new EmailLogRows(jdbc);
    }

    @AfterEach
    void tearDown() {
        emailEvents.close();
        publisher.close();
    }

    @Test
    void theSameOrderConfirmedDeliveredThreeTimesSendsOneEmail() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        OrderConfirmed confirmed = theConfirmationOf(placed);
        UUID eventId = UUID.randomUUID();

        publisher.publish(confirmed, eventId);
        publisher.publish(confirmed, eventId);
        UUID republished = publisher.publish(confirmed);

        EmailSent sent = emailEvents.awaitEvent(EmailSent.class, e -> placed.orderId().equals(e.orderId()), DEADLINE);
        await().atMost(DEADLINE).until(() -> log.handled(eventId) && log.handled(republished));
        List<Map<String, Object>> rows = log.ofOrder(placed.orderId());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("template")).isEqualTo("order-confirmation");
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat(row.get("attempts")).isEqualTo(1);
            assertThat(row.get("provider_message_id")).isEqualTo(sent.providerMessageId());
        });
        assertThat(mailbox.awaitMessages(shopper, 1, DEADLINE)).hasSize(1);
        assertThat(emailEvents.events(EmailSent.class)).filteredOn(e -> placed.orderId().equals(e.orderId())).hasSize(1);
        assertThat(sent.template()).isEqualTo("order-confirmation");
        assertThat(sent.recipient()).isEqualTo(shopper);
        assertThat(sent.attempts()).isEqualTo(1);
    }

    @Test
    void confirmationTakesTheLinesFromOrderPlacedAndReadsThePersonalisationOut() throws Exception {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        publisher.publish(theConfirmationOf(placed));

        MimeMessage mail = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();
        Map<String, Object> row = await().atMost(DEADLINE).until(() -> log.ofOrder(placed.orderId()).getFirst(),
                r -> "SENT".equals(r.get("status")));

        assertThat(Mailbox.subject(mail)).isEqualTo("Your order " + placed.orderNumber() + " is confirmed");
        assertThat(Mailbox.text(mail)).contains("2 × Personalised Christmas Mug",
                "Personalisation: " + PERSONALISATION, "Happy Christmas, Nan! Love, Sophie",
                "Total: £30.48 (includes VAT of £5.08)");
        assertThat(Mailbox.html(mail)).contains(PERSONALISATION, "alt=\"Personalised Christmas Mug, Size: Large\"");
        assertThat(Mailbox.header(mail, "List-Unsubscribe")).isNull();
        assertThat(Mailbox.header(mail, "List-Unsubscribe-Post")).isNull();
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Atelier <hello@atelier.example>");
        assertThat(mail.getMessageID()).endsWith("@atelier.example>").isEqualTo(row.get("provider_message_id"));
    }

    @Test
    void shippedCarriesTheTrackingLinkAndTheLinesOfTheParcel() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        var shipped = theMugShippedOf(placed);
        publisher.publish(shipped);

        MimeMessage mail = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();

        assertThat(Mailbox.subject(mail)).isEqualTo("Part of your order " + placed.orderNumber() + " is on its way");
        assertThat(Mailbox.html(mail)).contains("href=\"" + shipped.trackingUrl() + "\"", "RM123456785GB",
                PERSONALISATION).doesNotContain("Hand-lettered Card");
        assertThat(Mailbox.text(mail)).contains("Track your parcel: " + shipped.trackingUrl());
    }

    @Test
    void paymentFailedIsMailedToTheAddressOfTheReadModelAndTheCancellationThatFollowsIsNot() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        await().atMost(DEADLINE).until(() -> log.orderKnown(placed.orderId()));

        publisher.publish(new PaymentFailed(placed.orderId(), UUID.randomUUID(), "stripe", "card_declined",
                Instant.now()));
        MimeMessage mail = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();
        UUID cancellation = publisher.publish(new OrderCancelled(placed.orderId(), placed.orderNumber(),
                "PAYMENT_FAILED", Instant.now(), shopper, null, null, false));

        assertThat(Mailbox.subject(mail)).isEqualTo("We could not take payment for order " + placed.orderNumber());
        assertThat(Mailbox.text(mail)).contains("Your card was declined by your bank.");
        await().atMost(DEADLINE).until(() -> log.handled(cancellation));
        assertThat(log.ofOrder(placed.orderId())).extracting(r -> r.get("template")).containsExactly("payment-failed");
    }

    @Test
    void cancellationAndRefundAreMailedWithTheReasonInPlainWords() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        // PaymentRefunded travels on another topic: without the order's e-mail it would be retried, then dead-lettered
        await().atMost(DEADLINE).until(() -> log.orderKnown(placed.orderId()));
        publisher.publish(new OrderCancelled(placed.orderId(), placed.orderNumber(), "OUT_OF_STOCK", Instant.now(),
                null, null, null, false));
        publisher.publish(new PaymentRefunded(placed.orderId(), UUID.randomUUID(), Money.gbp(1299), "damaged",
                Instant.parse("2026-12-04T10:00:00Z")));

        List<MimeMessage> mails = mailbox.awaitMessages(shopper, 2, DEADLINE);

        assertThat(mails).extracting(Mailbox::subject).containsExactlyInAnyOrder(
                "Your order " + placed.orderNumber() + " has been cancelled",
                "We have refunded £12.99 for order " + placed.orderNumber());
        assertThat(mails).extracting(Mailbox::text).anySatisfy(text -> assertThat(text)
                .contains("Something in your order sold out", "No payment was taken"));
    }

    @Test
    void anApprovedReturnIsMailedOnceWithWhatToSendBackWhereAndTheRefund() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        await().atMost(DEADLINE).until(() -> log.orderKnown(placed.orderId()));
        OrderLine mug = placed.lines().getFirst();
        Instant approvedAt = Instant.parse("2026-12-10T10:00:00Z");
        ReturnApproved approved = new ReturnApproved(placed.orderId(), placed.orderNumber(), UUID.randomUUID(), shopper,
                null, List.of(new ReturnLine(mug.lineId(), mug.sku(), 1, "arrived chipped", null)), Money.gbp(1299),
                approvedAt.plus(Duration.ofDays(14)), null, "sam.workshop@atelier.example", approvedAt);

        publisher.publish(approved);
        UUID again = publisher.publish(approved);

        MimeMessage mail = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();
        await().atMost(DEADLINE).until(() -> log.handled(again));
        assertThat(log.ofOrder(placed.orderId())).singleElement()
                .satisfies(row -> assertThat(row.get("template")).isEqualTo("return-approved"));
        assertThat(mailbox.to(shopper)).hasSize(1);
        assertThat(Mailbox.subject(mail)).isEqualTo("Your return for order " + placed.orderNumber() + " is approved");
        assertThat(Mailbox.text(mail)).contains("Thursday 24 December 2026", "1 × Personalised Christmas Mug",
                "Personalisation: " + PERSONALISATION, "Your reason: arrived chipped", "£12.99",
                "post it to: Atelier Ltd");
        assertThat(Mailbox.html(mail)).contains("alt=\"Personalised Christmas Mug, Size: Large\"");
        assertThat(Mailbox.header(mail, "List-Unsubscribe")).isNull();
        assertThat(Mailbox.header(mail, "List-Unsubscribe-Post")).isNull();
    }

    @Test
    void aGiftCardIsMailedToTheBuyerOnceWithItsCodeAndTheCodeIsInNoLogLine(CapturedOutput output) {
        String buyer = aNewAddress("sophie");
        OrderPlaced placed = Orders.aPlacedOrderOfTwoGiftCards(buyer);
        publisher.publish(placed);
        await().atMost(DEADLINE).until(() -> log.orderKnown(placed.orderId()));
        String code = "GC" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase() + "-Q";
        GiftCardIssued card = Orders.theFirstGiftCardOf(placed, code);

        publisher.publish(card);
        UUID again = publisher.publish(card);

        MimeMessage mail = mailbox.awaitMessages(buyer, 1, DEADLINE).getFirst();
        await().atMost(DEADLINE).until(() -> log.handled(again));
        Map<String, Object> row = await().atMost(DEADLINE).until(() -> log.ofOrder(placed.orderId()).getFirst(),
                r -> "SENT".equals(r.get("status")));
        assertThat(log.ofOrder(placed.orderId())).hasSize(1);
        assertThat(mailbox.to(buyer)).hasSize(1);
        assertThat(row.get("template")).isEqualTo("gift-card");
        assertThat(Mailbox.subject(mail)).isEqualTo("Your Atelier gift card for £25.00");
        assertThat(Mailbox.text(mail)).contains("Gift card code: " + code, "Amount: £25.00",
                "Valid until: Thursday 30 November 2028", "From: Sophie · Message: Happy birthday, Gran! · To: Gran",
                "Card 1 of 2");
        assertThat(Mailbox.html(mail)).contains(code);
        assertThat(Mailbox.header(mail, "List-Unsubscribe")).isNull();
        assertThat(output.getAll()).doesNotContain(code);
    }

    @Test
    void lowStockAlertsTheWorkshop() {
        String sku = "MUG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        publisher.publish(new LowStockDetected(sku, 12, 4, 8, 10, 48));

        List<MimeMessage> alerts = await().atMost(DEADLINE).until(() -> mailbox.to("workshop@atelier.example").stream()
                .filter(m -> Mailbox.subject(m).contains(sku)).toList(), found -> !found.isEmpty());

        assertThat(alerts).singleElement().satisfies(m -> {
            assertThat(Mailbox.subject(m)).isEqualTo("Low stock: " + sku + " has 8 left");
            assertThat(Mailbox.text(m)).contains("Suggested order: 48");
        });
    }
}
