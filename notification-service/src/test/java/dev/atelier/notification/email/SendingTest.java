package dev.atelier.notification.email;

import static dev.atelier.notification.Mailbox.aNewAddress;
import static dev.atelier.notification.Orders.aPlacedOrderWithAPersonalisedMug;
import static dev.atelier.notification.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.events.Topics;
import dev.atelier.events.notification.EmailFailed;
import dev.atelier.events.notification.EmailSent;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.messaging.outbox.EventIds;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Http;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The sender job against an SMTP server that goes away and comes back: retries with back-off, every attempt
 * counted, FAILED with EmailFailed when it stays away, a retry by staff, and a sender that dies mid-way.
 * (Test settings: four attempts, back-off 300 ms doubling to 600 ms.)
 */
@NotificationTest
class SendingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JavaMailSender mailSender;

    @Value("${local.server.port}")
    int port;

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
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
        emailEvents.close();
        publisher.close();
    }

    @Test
    void deliversOnceTheServerAcceptsAgainAfterRefusingWithEveryAttemptCounted() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);

        greenMail.stop();
        publisher.publish(placed);
        publisher.publish(theConfirmationOf(placed));
        Map<String, Object> refused = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10))
                .until(() -> log.ofOrder(placed.orderId()), rows -> rows.size() == 1
                        && "QUEUED".equals(rows.getFirst().get("status"))
                        && Integer.valueOf(2).equals(rows.getFirst().get("attempts"))).getFirst();
        greenMail.start();

        assertThat((String) refused.get("last_error")).containsIgnoringCase("connect");
        EmailSent sent = emailEvents.awaitEvent(EmailSent.class, e -> placed.orderId().equals(e.orderId()), DEADLINE);
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(log.ofOrder(placed.orderId()).getFirst()).containsEntry("status", "SENT").containsEntry("attempts", 3);
        assertThat(mailbox.awaitMessages(shopper, 1, DEADLINE)).hasSize(1);
    }

    @Test
    void anEmailTheServerNeverAcceptsFailsWithEmailFailedAndStaffCanRetryIt() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);

        greenMail.stop();
        publisher.publish(placed);
        publisher.publish(theConfirmationOf(placed));
        EmailFailed failed = emailEvents.awaitEvent(EmailFailed.class, e -> placed.orderId().equals(e.orderId()),
                DEADLINE);
        greenMail.start();

        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.reason()).containsIgnoringCase("connect");
        assertThat(log.byId(failed.emailId())).containsEntry("status", "FAILED").containsEntry("attempts", 4);
        assertThat(mailbox.to(shopper)).isEmpty();

        Http.Answer retried = new Http(port).post("/api/admin/notifications/emails/" + failed.emailId() + "/retry", "");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("status").asString()).isIn("QUEUED", "SENDING", "SENT");
        EmailSent sent = emailEvents.awaitEvent(EmailSent.class, e -> failed.emailId().equals(e.emailId()), DEADLINE);
        assertThat(sent.attempts()).isEqualTo(5);
        assertThat(mailbox.awaitMessages(shopper, 1, DEADLINE)).hasSize(1);
        assertThat(log.byId(failed.emailId())).containsEntry("status", "SENT");
    }

    @Test
    void aSenderThatDiedAfterTheHandOverCausesOneMoreDeliveryWithTheSameMessageIdAndTheLogShowsIt()
            throws Exception {
        String shopper = aNewAddress("sophie");
        UUID id = EventIds.next();
        String messageId = "<" + id + "@atelier.example>";
        jdbc.update("""
                INSERT INTO email (id, template, cause_key, category, recipient, subject, html_body, text_body, status,
                                   attempts, claimed_until)
                VALUES (?, 'order-confirmation', ?, 'TRANSACTIONAL', ?, 'Your order is confirmed', '<p>Hello</p>',
                        'Hello', 'SENDING', 1, now() - interval '1 second')""", id, "crash-" + id, shopper);
        MimeMessage handedOver = mailSender.createMimeMessage();
        handedOver.setFrom("hello@atelier.example");
        handedOver.setRecipients(jakarta.mail.Message.RecipientType.TO, shopper);
        handedOver.setSubject("Your order is confirmed");
        handedOver.setText("Hello");
        handedOver.setHeader("Message-ID", messageId);
        mailSender.send(handedOver);

        EmailSent sent = emailEvents.awaitEvent(EmailSent.class, e -> id.equals(e.emailId()), DEADLINE);

        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(log.byId(id)).containsEntry("status", "SENT").containsEntry("interrupted_sends", 1)
                .containsEntry("provider_message_id", messageId);
        assertThat((String) log.byId(id).get("last_error")).contains("may have been delivered");
        List<MimeMessage> received = mailbox.awaitMessages(shopper, 2, DEADLINE);
        assertThat(received).hasSize(2).allSatisfy(m -> assertThat(m.getMessageID()).isEqualTo(messageId));
    }

    @Test
    void aRecipientTheParserRejectsFailsAtOnceWithoutRetrying() {
        UUID id = EventIds.next();
        jdbc.update("""
                INSERT INTO email (id, template, cause_key, category, recipient, subject, html_body, text_body, status,
                                   next_attempt_at)
                VALUES (?, 'order-confirmation', ?, 'TRANSACTIONAL', 'not an address@@example', 'Hello', '<p>Hi</p>',
                        'Hi', 'QUEUED', now())""", id, "bad-" + id);

        EmailFailed failed = emailEvents.awaitEvent(EmailFailed.class, e -> id.equals(e.emailId()), DEADLINE);

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(log.byId(id)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
    }
}
