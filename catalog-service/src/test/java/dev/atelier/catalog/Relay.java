package dev.atelier.catalog;

import dev.atelier.messaging.relay.OutboxRelay;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits until the outbox relay streams, so that a test's first events are not written before its slot exists. */
public final class Relay {

    private Relay() {
    }

    public static void awaitStreaming(OutboxRelay relay) {
        Awaitility.await("the outbox relay streams").atMost(Duration.ofSeconds(60)).until(relay::isStreaming);
    }
}
