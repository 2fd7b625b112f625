package dev.atelier.notification.devinbox;

import static dev.atelier.notification.Mailbox.aNewAddress;
import static dev.atelier.notification.Orders.aPlacedOrderWithAPersonalisedMug;
import static dev.atelier.notification.Orders.theConfirmationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.events.order.OrderPlaced;
import dev.atelier.notification.Http;
import dev.atelier.notification.NotificationTest;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** The local dev inbox lists what SMTP accepted and shows each e-mail's parts. */
@NotificationTest
class DevInboxTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void listsSentEmailsAsJsonAndShowsEachOneInTheBrowser() {
        String shopper = aNewAddress("sophie");
        OrderPlaced placed = aPlacedOrderWithAPersonalisedMug(shopper);
        try (EventPublisher publisher = EventPublisher.toSharedBroker()) {
            publisher.publish(placed);
            publisher.publish(theConfirmationOf(placed));
        }
        Http http = new Http(port);

        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport
                .stream(http.get("/dev/inbox.json").body().spliterator(), false)
                .filter(i -> i.get("to").asString().equals(shopper)).findFirst(), Optional::isPresent).get();

        assertThat(item.get("subject").asString()).isEqualTo("Your order " + placed.orderNumber() + " is confirmed");
        assertThat(item.get("template").asString()).isEqualTo("order-confirmation");
        assertThat(item.get("orderId").asString()).isEqualTo(placed.orderId().toString());
        assertThat(item.get("sentAt").isNull()).isFalse();
        assertThat(item.get("id").asString()).isNotBlank();
        String id = item.get("id").asString();
        assertThat(http.text("/dev/inbox")).contains(shopper, "/dev/inbox/" + id);
        assertThat(http.text("/dev/inbox/" + id)).contains("Text part", "Personalisation: Colour: #d4a017",
                "/dev/inbox/" + id + "/html");
        assertThat(http.text("/dev/inbox/" + id + "/html")).contains("Personalised Christmas Mug");
    }
}
