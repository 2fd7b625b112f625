package dev.atelier.notification.subscription;

import static dev.atelier.notification.Carts.anAbandonedCartAtStep;
import static dev.atelier.notification.Mailbox.aNewAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Http;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.notification.consent.Consents;
import dev.atelier.notification.consent.UnsubscribeLinks;
import dev.atelier.events.Topics;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.notification.EmailSubscriptionConfirmed;
import dev.atelier.events.notification.EmailUnsubscribed;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A guest opts in by double opt-in: a request sends one confirmation e-mail with a signed, expiring link; opening
 * it changes nothing, confirming it grants consent, and only then does marketing mail go.
 */
@NotificationTest
class SubscriptionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("https://shop\\.atelier\\.test(/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+)");

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Consents consents;

    @Autowired
    ConfirmationLinks links;

    @Autowired
    UnsubscribeLinks unsubscribeLinks;

    @Value("${local.server.port}")
    int port;

    EventPublisher publisher;
    Mailbox mailbox;
    EmailLogRows log;
    Http http;

    @BeforeEach
    void setUp() {
        publisher = EventPublisher.toSharedBroker();
        mailbox = new Mailbox(greenMail);
        log = new EmailLogRows(jdbc);
        http = new Http(port);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void aGuestWhoConfirmsTheLinkReceivesMarketingMail() {
        String guest = aNewAddress("hannah");

        Http.Answer requested = http.post("/api/notifications/subscriptions", "{\"email\":\" " + guest.toUpperCase() + "\"}");

        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.body().get("status").asString()).isEqualTo("confirmation-requested");
        MimeMessage confirmation = mailbox.awaitMessages(guest, 1, DEADLINE).getFirst();
        assertThat(Mailbox.subject(confirmation)).isEqualTo("Confirm your subscription to Atelier");
        assertThat(Mailbox.header(confirmation, "List-Unsubscribe")).isNull();
        Matcher link = LINK.matcher(Mailbox.text(confirmation));
        assertThat(link.find()).isTrue();
        assertThat(Mailbox.html(confirmation)).contains(link.group().replace("&", "&amp;"));

        String page = http.text(link.group(1));
        assertThat(page).contains(guest, "<form method=\"post\"", "<button");
        assertThat(consents.mayReceiveMarketing(guest)).as("opening the link confirms nothing").isFalse();

        Http.Answer confirmed = http.postForm(link.group(1), "");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.text()).contains("your subscription is confirmed");
        assertThat(consents.of(guest)).hasValueSatisfying(c -> {
            assertThat(c.granted()).isTrue();
            assertThat(c.source()).isEqualTo(Consents.DOUBLE_OPT_IN);
        });
        assertThat(jdbc.queryForObject("SELECT confirmed_at IS NOT NULL FROM subscription_request WHERE address = ?",
                Boolean.class, guest)).isTrue();

        publisher.publish(anAbandonedCartAtStep(UUID.randomUUID(), 1, guest));
        assertThat(mailbox.awaitMessages(guest, 2, DEADLINE)).extracting(Mailbox::subject)
                .contains("You left something in your basket");
    }

    @Test
    void aRepeatedRequestSendsNoSecondConfirmationAndAConsentedAddressGetsNone() {
        String guest = aNewAddress("hannah");
        String subscriber = aNewAddress("sophie");
        consents.record(subscriber, true, "account", null, Instant.now());

        Http.Answer first = http.post("/api/notifications/subscriptions", "{\"email\":\"" + guest + "\"}");
        Http.Answer second = http.post("/api/notifications/subscriptions", "{\"email\":\"" + guest + "\"}");
        Http.Answer known = http.post("/api/notifications/subscriptions", "{\"email\":\"" + subscriber + "\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(known.status()).isEqualTo(202);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(known.text()).as("the answer does not tell who subscribed").isEqualTo(first.text());
        assertThat(log.to(guest)).extracting(r -> r.get("template")).containsExactly("subscription-confirmation");
        assertThat(log.to(subscriber)).isEmpty();
        assertThat(log.to(guest).getFirst().get("cause_key").toString()).doesNotContain(guest);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Http.Answer missing = http.post("/api/notifications/subscriptions", "{}");
        Http.Answer notAnAddress = http.post("/api/notifications/subscriptions", "{\"email\":\"hannah at example\"}");
        Http.Answer tooLong = http.post("/api/notifications/subscriptions",
                "{\"email\":\"" + "a".repeat(250) + "@example.co.uk\"}");
        Http.Answer malformed = http.post("/api/notifications/subscriptions", "{\"email\":");

        for (Http.Answer answer : new Http.Answer[] {missing, notAnAddress, tooLong, malformed}) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).contains("application/problem+json");
        }
        assertThat(notAnAddress.body().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(notAnAddress.body().get("errors").get(0).get("message").asString())
                .isEqualTo("is not an e-mail address");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subscription_request WHERE address LIKE 'hannah at%'",
                Integer.class)).isZero();
    }

    @Test
    void anExpiredOrTamperedLinkGrantsNothing() {
        String guest = aNewAddress("hannah");
        String expired = links.tokenFor(guest, Instant.now().minusSeconds(1));
        String valid = links.tokenFor(guest, Instant.now().plusSeconds(3600));
        String tampered = links.tokenFor("victim@example.co.uk", Instant.now().plusSeconds(3600))
                .replaceAll("\\..*", valid.substring(valid.indexOf('.')));

        Http.Answer late = http.postForm("/subscriptions/confirm?token=" + expired, "");
        Http.Answer forged = http.postForm("/subscriptions/confirm?token=" + tampered, "");
        Http.Answer unsubscribeToken = http.postForm("/subscriptions/confirm?token=" + unsubscribeLinks.tokenFor(guest),
                "");

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.text()).contains("expired");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(unsubscribeToken.status()).isEqualTo(400);
        assertThat(http.text("/subscriptions/confirm?token=" + expired)).contains("not valid");
        assertThat(consents.of(guest)).isEmpty();
        assertThat(consents.of("victim@example.co.uk")).isEmpty();
    }

    @Test
    void answersGivenHereArePublishedOnceForCustomerServiceAndItsEchoPublishesNothing() {
        String holder = aNewAddress("hannah");
        UUID customerId = UUID.randomUUID();
        UUID granted = publisher.publish(new MarketingConsentChanged(customerId, holder, true, "account",
                Instant.now().minusSeconds(60)));
        await().atMost(DEADLINE).until(() -> log.handled(granted));
        try (EventProbe consentEvents = EventProbe.on(Topics.NOTIFICATION_CONSENT)) {
            String unsubscribe = "/unsubscribe?token=" + unsubscribeLinks.tokenFor(holder);
            assertThat(http.postForm(unsubscribe, "List-Unsubscribe=One-Click").status()).isEqualTo(200);
            assertThat(http.postForm(unsubscribe, "List-Unsubscribe=One-Click").status()).isEqualTo(200);
            EmailUnsubscribed withdrawn = consentEvents.awaitEvent(EmailUnsubscribed.class,
                    e -> e.email().equals(holder), DEADLINE);
            // customer-service records the withdrawal and publishes its usual event: taken in, nothing said back
            UUID echo = publisher.publish(new MarketingConsentChanged(customerId, holder, false,
                    "notification-unsubscribe", withdrawn.unsubscribedAt()));
            await().atMost(DEADLINE).until(() -> log.handled(echo));
            String confirm = "/subscriptions/confirm?token=" + links.tokenFor(holder, Instant.now().plusSeconds(3600));
            assertThat(http.postForm(confirm, "").status()).isEqualTo(200);
            assertThat(http.postForm(confirm, "").status()).isEqualTo(200);
            EmailSubscriptionConfirmed resubscribed = consentEvents.awaitEvent(EmailSubscriptionConfirmed.class,
                    e -> e.email().equals(holder), DEADLINE);

            assertThat(withdrawn.customerId()).isEqualTo(customerId);
            assertThat(withdrawn.source()).isEqualTo(Consents.ONE_CLICK_UNSUBSCRIBE);
            assertThat(resubscribed.customerId()).isEqualTo(customerId);
            assertThat(resubscribed.source()).isEqualTo(Consents.DOUBLE_OPT_IN);
            assertThat(resubscribed.confirmedAt()).isAfter(withdrawn.unsubscribedAt());
            // one key, one partition: an echo published before the confirmation would have arrived before it
            assertThat(consentEvents.events(EmailUnsubscribed.class)).filteredOn(e -> e.email().equals(holder))
                    .hasSize(1);
            assertThat(consents.of(holder)).hasValueSatisfying(c -> assertThat(c.granted()).isTrue());
        }
    }
}
