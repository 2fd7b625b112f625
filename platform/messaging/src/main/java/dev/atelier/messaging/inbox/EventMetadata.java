package dev.atelier.messaging.inbox;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Where an event came from, for handlers that want more than the event itself. */
public record EventMetadata(UUID eventId, String eventType, int eventVersion, String topic, int partition, long offset,
        @Nullable String key, @Nullable String traceparent) {
}
