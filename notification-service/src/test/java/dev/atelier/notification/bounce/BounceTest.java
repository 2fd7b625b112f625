package dev.atelier.notification.bounce;

import static dev.atelier.notification.Carts.anAbandonedCartAtStep;
import static dev.atelier.notification.Mailbox.aNewAddress;
import static dev.atelier.notification.Orders.aPlacedOrderWithAPersonalisedMug;
import static dev.atelier.notification.Orders.theConfirmationOf;
import static dev.atelier.notification.Orders.theMugShippedOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.notification.TestSmtp;
import dev.atelier.notification.consent.Consents;
import dev.atelier.notification.email.Suppressions;
import dev.atelier.testing.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bounces through the mailbox, as any SMTP provider returns them: every e-mail goes out with its own envelope
 * sender (VERP); a delivery status notification delivered to the bounce mailbox (GreenMail over IMAP) marks the
 * e-mail BOUNCED with the diagnostic, and a hard bounce stops marketing mail to the address.
 */
@NotificationTest
class BounceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Consents consents;

    @Autowired
    Suppressions suppressions;

    EventPublisher publisher;
    Mailbox mailbox;
    EmailLogRows log;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        mailbox = new Mailbox(greenMail);
        log = new EmailLogRows(jdbc);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void aHardBounceInTheMailboxMarksTheEmailBouncedAndStopsMarketingMailToTheAddress() throws Exception {
        String shopper = aNewAddress("margaret");
        consents.record(shopper, true, "account", null, Instant.now());
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        publisher.publish(theConfirmationOf(placed));
        MimeMessage sent = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();
        UUID emailId = (UUID) log.ofOrder(placed.orderId()).getFirst().get("id");
        String verp = "bounces+" + emailId + "@atelier.test";
        assertThat(Mailbox.header(sent, "Return-Path")).isEqualTo("<" + verp + ">");
        assertThat(Mailbox.header(sent, "X-Atelier-Email-Id")).isEqualTo(emailId.toString());

        bounceMailbox().deliver(Dsns.report(verp, shopper, "failed", "5.1.1",
                "550 5.1.1 <" + shopper + ">: Recipient address rejected: User unknown in virtual mailbox table",
                Dsns.originalHeaders(Mailbox.header(sent, "Message-ID"), shopper)));

        await().atMost(DEADLINE).until(() -> log.byId(emailId).get("status"), "BOUNCED"::equals);
        assertThat(log.byId(emailId).get("last_error").toString())
                .startsWith("bounced (permanent, 5.1.1): smtp; 550 5.1.1")
                .contains("User unknown");
        assertThat(suppressions.isSuppressed(shopper)).isTrue();
        await().atMost(DEADLINE).until(() -> messagesInTheBounceMailbox() == 0);

        UUID step = publisher.publish(anAbandonedCartAtStep(UUID.randomUUID(), 1, shopper));
        publisher.publish(theMugShippedOf(placed));
        await().atMost(DEADLINE).until(() -> log.handled(step));
        assertThat(mailbox.awaitMessages(shopper, 2, DEADLINE)).extracting(Mailbox::subject)
                .noneMatch(subject -> subject.contains("basket"));
        assertThat(log.to(shopper)).filteredOn(r -> "abandoned-cart-1".equals(r.get("template")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("status", "SUPPRESSED")
                        .containsEntry("last_error", "suppressed: the address hard-bounced"));
    }

    @Test
    void aReportWhoseRecipientIsNotTheEmailsChangesNothing() throws Exception {
        String shopper = aNewAddress("margaret");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        publisher.publish(theConfirmationOf(placed));
        mailbox.awaitMessages(shopper, 1, DEADLINE);
        UUID emailId = (UUID) log.ofOrder(placed.orderId()).getFirst().get("id");
        await().atMost(DEADLINE).until(() -> log.byId(emailId).get("status"), "SENT"::equals);

        bounceMailbox().deliver(Dsns.report("bounces+" + emailId + "@atelier.test", "victim@example.co.uk", "failed",
                "5.1.1", "550 5.1.1 User unknown", Dsns.originalHeaders("<x@y>", "victim@example.co.uk")));

        await().atMost(DEADLINE).until(() -> messagesInTheBounceMailbox() == 0);
        Map<String, Object> row = log.byId(emailId);
        assertThat(row).containsEntry("status", "SENT");
        assertThat(suppressions.isSuppressed("victim@example.co.uk")).isFalse();
        assertThat(suppressions.isSuppressed(shopper)).isFalse();
    }

    // (re)created: a test that stops GreenMail and starts it again may have left it without its users
    private GreenMailUser bounceMailbox() {
        return greenMail.setUser(TestSmtp.BOUNCE_ADDRESS, TestSmtp.BOUNCE_LOGIN, TestSmtp.BOUNCE_PASSWORD);
    }

    private int messagesInTheBounceMailbox() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(bounceMailbox()).getMessageCount();
    }
}
