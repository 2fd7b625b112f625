package dev.atelier.notification.consent;

import static dev.atelier.notification.Carts.anAbandonedCartAtStep;
import static dev.atelier.notification.ConsentEvents.consentGranted;
import static dev.atelier.notification.Mailbox.aNewAddress;
import static dev.atelier.notification.Orders.aPlacedOrderWithAPersonalisedMug;
import static dev.atelier.notification.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.atelier.messaging.outbox.EventIds;
import dev.atelier.notification.EmailLogRows;
import dev.atelier.notification.Http;
import dev.atelier.notification.Mailbox;
import dev.atelier.notification.NotificationTest;
import dev.atelier.testing.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Marketing mail carries RFC 8058 one-click unsubscribe; after it, the sequence stops and order mail goes on. */
@NotificationTest
class UnsubscribeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UnsubscribeLinks links;

    @Autowired
    Consents consents;

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
    void anAbandonedCartStepAfterAnUnsubscribeSendsNothingWhileOrderMailStillGoes() {
        String shopper = aNewAddress("hannah");
        UUID cartId = UUID.randomUUID();
        UUID consent = publisher.publish(consentGranted(shopper));
        await().atMost(DEADLINE).until(() -> log.handled(consent));
        publisher.publish(anAbandonedCartAtStep(cartId, 1, shopper));
        MimeMessage stepOne = mailbox.awaitMessages(shopper, 1, DEADLINE).getFirst();

        String listUnsubscribe = Mailbox.header(stepOne, "List-Unsubscribe");
        assertThat(listUnsubscribe).matches("<https://shop\\.atelier\\.test/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
        assertThat(Mailbox.header(stepOne, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String url = listUnsubscribe.substring(1, listUnsubscribe.length() - 1);
        assertThat(Mailbox.html(stepOne)).contains("href=\"" + url + "\"");
        assertThat(Mailbox.text(stepOne)).contains("Unsubscribe in one click: " + url);

        // what a mail client does for RFC 8058: POST the header's URL (here this service's address) with the body
        Http.Answer unsubscribed = http.postForm(url.replace("https://shop.atelier.test", ""),
                "List-Unsubscribe=One-Click");

        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.text()).contains("will get no more marketing e-mails");
        assertThat(unsubscribed.contentType()).isEqualToIgnoringCase("text/html;charset=UTF-8");
        UUID stepTwo = publisher.publish(anAbandonedCartAtStep(cartId, 2, shopper));
        await().atMost(DEADLINE).until(() -> log.handled(stepTwo));
        assertThat(log.to(shopper)).extracting(r -> r.get("template") + ":" + r.get("status"))
                .containsExactly("abandoned-cart-1:SENT", "abandoned-cart-2:SUPPRESSED");
        assertThat(log.to(shopper).get(1).get("last_error"))
                .isEqualTo("suppressed: the address withdrew marketing consent (one-click-unsubscribe)");
        assertThat(consents.mayReceiveMarketing(shopper)).isFalse();

        var placed = aPlacedOrderWithAPersonalisedMug(shopper);
        publisher.publish(placed);
        publisher.publish(theConfirmationOf(placed));
        assertThat(mailbox.awaitMessages(shopper, 2, DEADLINE)).extracting(Mailbox::subject)
                .containsExactly("You left something in your basket",
                        "Your order " + placed.orderNumber() + " is confirmed");
    }

    @Test
    void unsubscribingStopsMarketingMailAlreadyQueuedButNotOrderMail() {
        String shopper = aNewAddress("hannah");
        consents.record(shopper, true, "account", null, Instant.now());
        UUID marketing = queuedForLater(shopper, "MARKETING", "abandoned-cart-2");
        UUID transactional = queuedForLater(shopper, "TRANSACTIONAL", "order-shipped");

        Http.Answer answer = http.postForm("/unsubscribe?token=" + links.tokenFor(shopper.toUpperCase()),
                "List-Unsubscribe=One-Click");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(log.byId(marketing)).containsEntry("status", "SUPPRESSED");
        assertThat(log.byId(transactional)).containsEntry("status", "QUEUED");
        assertThat(consents.of(shopper)).hasValueSatisfying(c -> {
            assertThat(c.granted()).isFalse();
            assertThat(c.source()).isEqualTo(Consents.ONE_CLICK_UNSUBSCRIBE);
        });
    }

    @Test
    void theLinkOpensAPageWithOneButtonAndAGetUnsubscribesNobody() {
        String shopper = aNewAddress("hannah");

        String page = http.text("/unsubscribe?token=" + links.tokenFor(shopper));

        assertThat(page).contains(shopper, "<form method=\"post\"", "<button");
        assertThat(consents.of(shopper)).isEmpty();
    }

    @Test
    void aForgedOrTamperedTokenUnsubscribesNobody() {
        String shopper = aNewAddress("hannah");
        String token = links.tokenFor(shopper);
        String otherAddress = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("victim@example.co.uk".getBytes(StandardCharsets.UTF_8));
        String tampered = otherAddress + token.substring(token.indexOf('.'));

        assertThat(http.postForm("/unsubscribe?token=" + tampered, "List-Unsubscribe=One-Click").status()).isEqualTo(400);
        assertThat(http.postForm("/unsubscribe?token=nonsense", "").status()).isEqualTo(400);
        assertThat(consents.of("victim@example.co.uk")).isEmpty();
        Http.Answer noToken = http.postForm("/unsubscribe", "");
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.contentType()).contains("application/problem+json");
    }

    private UUID queuedForLater(String recipient, String category, String template) {
        UUID id = EventIds.next();
        jdbc.update("""
                INSERT INTO email (id, template, cause_key, category, recipient, subject, html_body, text_body, status,
                                   next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 'Later', '<p>Later</p>', 'Later', 'QUEUED', now() + interval '1 hour')""",
                id, template, "later-" + id, category, recipient);
        return id;
    }
}
