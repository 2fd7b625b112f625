package dev.atelier.notification.consent;

import static dev.atelier.notification.Carts.anAbandonedCartAtStep;
import static dev.atelier.notification.ConsentEvents.consentChanged;
import static dev.atelier.notification.ConsentEvents.consentGranted;
import static dev.atelier.notification.Mailbox.aNewAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.messaging.outbox.EventIds;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Marketing mail is opt-in: without a granted consent an abandoned-cart step is logged as SUPPRESSED with the
 * reason and nothing is sent; customer-service's MarketingConsentChanged grants and withdraws it, the latest
 * answer winning; a withdrawal stops what is queued.
 */
@NotificationTest
class ConsentTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Consents consents;

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
    void withoutConsentNoAbandonedCartMailGoesAndTheLogSaysWhy() {
        String guest = aNewAddress("hannah");

        UUID step = publisher.publish(anAbandonedCartAtStep(UUID.randomUUID(), 1, guest));

        await().atMost(DEADLINE).until(() -> log.handled(step));
        assertThat(log.to(guest)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("template", "abandoned-cart-1").containsEntry("status", "SUPPRESSED")
                    .containsEntry("last_error", "suppressed: no marketing consent for the address")
                    .containsEntry("attempts", 0);
        });
        assertThat(mailbox.to(guest)).isEmpty();
    }

    @Test
    void grantedConsentSendsTheSequenceAndAWithdrawalStopsIt() {
        String shopper = aNewAddress("hannah");
        UUID cartId = UUID.randomUUID();
        Instant granted = Instant.now().minusSeconds(60);
        awaitHandled(publisher.publish(consentChanged(shopper.toUpperCase(), true, granted)));

        publisher.publish(anAbandonedCartAtStep(cartId, 1, shopper));
        assertThat(mailbox.awaitMessages(shopper, 1, DEADLINE)).extracting(Mailbox::subject)
                .containsExactly("You left something in your basket");
        UUID queuedStep = queuedForLater(shopper);

        awaitHandled(publisher.publish(consentChanged(shopper, false, granted.plusSeconds(30))));
        UUID stepThree = publisher.publish(anAbandonedCartAtStep(cartId, 3, shopper));
        awaitHandled(stepThree);

        assertThat(log.byId(queuedStep)).containsEntry("status", "SUPPRESSED")
                .containsEntry("last_error", "suppressed: the address withdrew marketing consent (account)");
        assertThat(log.to(shopper)).extracting(r -> r.get("template") + ":" + r.get("status"))
                .containsExactly("abandoned-cart-1:SENT", "abandoned-cart-2:SUPPRESSED", "abandoned-cart-3:SUPPRESSED");
        assertThat(mailbox.to(shopper)).hasSize(1);
    }

    @Test
    void anOlderAnswerArrivingLateDoesNotUndoANewerOne() {
        String shopper = aNewAddress("hannah");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        awaitHandled(publisher.publish(consentChanged(shopper, true, now)));
        awaitHandled(publisher.publish(consentChanged(shopper, false, now.minusSeconds(3600))));

        assertThat(consents.of(shopper)).hasValueSatisfying(c -> {
            assertThat(c.granted()).isTrue();
            assertThat(c.changedAt()).isEqualTo(now);
        });
        assertThat(consents.mayReceiveMarketing(shopper)).isTrue();
    }

    @Test
    void theSameAnswerTwiceChangesNothing() {
        String shopper = aNewAddress("hannah");
        var grant = consentGranted(shopper);

        awaitHandled(publisher.publish(grant));
        awaitHandled(publisher.publish(grant));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM marketing_consent WHERE address = ?", Integer.class,
                shopper.toLowerCase())).isEqualTo(1);
        assertThat(consents.mayReceiveMarketing(shopper)).isTrue();
    }

    private void awaitHandled(UUID eventId) {
        await().atMost(DEADLINE).until(() -> log.handled(eventId));
    }

    // step 2 of the sequence, queued but not yet due (as if the sender had not reached it)
    private UUID queuedForLater(String recipient) {
        UUID id = EventIds.next();
        jdbc.update("""
                INSERT INTO email (id, template, cause_key, category, recipient, subject, html_body, text_body, status,
                                   next_attempt_at)
                VALUES (?, 'abandoned-cart-2', ?, 'MARKETING', ?, 'Still thinking it over?', '<p>Later</p>', 'Later',
                        'QUEUED', now() + interval '1 hour')""", id, "later-" + id, recipient);
        return id;
    }
}
