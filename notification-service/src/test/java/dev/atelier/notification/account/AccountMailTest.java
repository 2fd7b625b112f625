package dev.atelier.notification.account;

import static dev.atelier.notification.Mailbox.aNewAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.notification.ConsentEvents;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.testing.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** customer-service's events reach the shopper: the sign-up code, the reset link, and a reminder (with consent) with unsubscribe. */
@NotificationTest
class AccountMailTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    EventPublisher publisher;
    Mailbox mailbox;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        mailbox = new Mailbox(greenMail);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void sendsTheSignUpCodeOnceAndTheResetLinkWithoutUnsubscribe() {
        String shopper = aNewAddress("sophie");
        UUID customerId = UUID.randomUUID();
        CustomerVerificationRequested code = new CustomerVerificationRequested(customerId, shopper, "Sophie", "482913",
                Instant.now().plus(Duration.ofMinutes(15)));
        publisher.publish(code);
        publisher.publish(code);
        publisher.publish(new PasswordResetRequested(customerId, shopper,
                "https://shop.atelier.test/password/reset?token=abc123", Instant.now().plus(Duration.ofMinutes(30))));

        var messages = mailbox.awaitMessages(shopper, 2, DEADLINE);

        assertThat(messages).extracting(Mailbox::subject).containsExactlyInAnyOrder(
                "482913 is your Atelier verification code", "Reset your Atelier password");
        MimeMessage reset = messages.stream().filter(m -> Mailbox.subject(m).startsWith("Reset")).findFirst()
                .orElseThrow();
        assertThat(Mailbox.text(reset)).contains("https://shop.atelier.test/password/reset?token=abc123");
        assertThat(Mailbox.header(reset, "List-Unsubscribe")).isNull();
    }

    @Test
    void sendsAnOccasionReminderAsMarketingMailWithOneClickUnsubscribe() {
        String shopper = aNewAddress("sophie");
        UUID consent = publisher.publish(ConsentEvents.consentGranted(shopper));
        await().atMost(DEADLINE).until(() -> new EmailLogRows(jdbc).handled(consent));
        publisher.publish(new ReminderDue(UUID.randomUUID(), UUID.randomUUID(), shopper, "Sophie", "Nan",
                "Birthday", LocalDate.now().plusDays(14), 14));

        MimeMessage reminder = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();

        assertThat(Mailbox.subject(reminder)).startsWith("Nan's Birthday is coming up on");
        assertThat(Mailbox.header(reminder, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    }
}
