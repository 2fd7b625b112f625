package dev.atelier.inventory.reservation;

import static dev.atelier.inventory.Orders.aPlacedOrderOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Topics;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.inventory.Http;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** The operators' view of inventory's dead letters over HTTP, what {@code ./atelier dlt} calls. */
@InventoryTest
class DeadLetterApiTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = Topics.deadLetterOf(Topics.ORDER_ORDER, "inventory-service");

    @Value("${local.server.port}")
    int port;

    @Test
    void listsShowsAndReplaysTheDeadLettersOfTheTopicsItConsumes() {
        Http http = new Http(port);
        // an order for no units at all: no retry can apply it
        OrderPlaced neverSeen = aPlacedOrderOf(StockFixture.uniqueSku("NOTHING"), 0);
        try (EventPublisher publisher = EventPublisher.toSharedBroker(); EventProbe dlt = EventProbe.on(DEAD_LETTERS)) {
            publisher.publish(neverSeen);
            dlt.awaitRecords(1, r -> r.value().contains(neverSeen.orderId().toString()), DEADLINE);
        }

        Http.Answer topics = http.get("/actuator/deadletters");
        assertThat(topics.status()).isEqualTo(200);
        JsonNode orderTopic = StreamSupport.stream(topics.body().spliterator(), false)
                .filter(t -> t.get("topic").asString().equals(Topics.ORDER_ORDER)).findFirst().orElseThrow();
        assertThat(orderTopic.get("deadLetterTopic").asString()).isEqualTo(DEAD_LETTERS);
        assertThat(orderTopic.get("pending").asLong()).isPositive();

        Http.Answer shown = http.get("/actuator/deadletters/" + DEAD_LETTERS);
        assertThat(shown.status()).isEqualTo(200);
        JsonNode letter = StreamSupport.stream(shown.body().spliterator(), false)
                .filter(l -> l.get("payload").asString().contains(neverSeen.orderId().toString())).findFirst()
                .orElseThrow();
        assertThat(letter.get("eventType").asString()).isEqualTo("OrderPlaced");
        assertThat(letter.get("reason").asString()).contains("asks for 0 of");
        assertThat(letter.get("originalTopic").asString()).isEqualTo(Topics.ORDER_ORDER);

        // nothing fixed the cause: the replay stops at a dead letter that fails again, which stays pending
        Http.Answer replay = http.post("/actuator/deadletters/" + Topics.ORDER_ORDER, "{}");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().get("failure").asString()).isNotBlank();
        assertThat(replay.body().get("remaining").asLong()).isPositive();

        assertThat(http.get("/actuator/deadletters/payment.payment").status()).isEqualTo(400);
    }
}
