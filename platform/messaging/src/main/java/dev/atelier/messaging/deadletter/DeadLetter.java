package dev.atelier.messaging.deadletter;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One record of a dead-letter topic, with why it is there.
 *
 * @param deadLetterTopic where it sits; {@code partition} and {@code offset} are its position there
 * @param deadLetteredAt when it was dead-lettered
 * @param reason the root cause the consumer gave, in one line
 * @param attempts how many deliveries the consumer made
 * @param originalTopic where it was first published; {@code originalPartition} and {@code originalOffset} with it
 * @param payload the event's JSON as published
 */
public record DeadLetter(
        String deadLetterTopic,
        int partition,
        long offset,
        Instant deadLetteredAt,
        @Nullable String key,
        @Nullable String eventId,
        @Nullable String eventType,
        @Nullable String eventVersion,
        @Nullable String reason,
        @Nullable String attempts,
        @Nullable String originalTopic,
        @Nullable Integer originalPartition,
        @Nullable Long originalOffset,
        @Nullable String payload) {
}
