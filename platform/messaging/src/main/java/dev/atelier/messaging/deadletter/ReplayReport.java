package dev.atelier.messaging.deadletter;

import org.jspecify.annotations.Nullable;

/**
 * What a replay did. It stops at the first dead letter that fails again, which stays pending with the new reason.
 *
 * @param applied replayed and applied now
 * @param duplicates replayed but already applied before (the inbox knew the event id): nothing changed
 * @param ignored replayed but of a type this service declares in {@code @IgnoredEvents}
 * @param remaining still pending after the replay
 * @param failed the dead letter that failed again, if any
 * @param failure why it failed
 */
public record ReplayReport(String deadLetterTopic, int applied, int duplicates, int ignored, long remaining,
        @Nullable DeadLetter failed, @Nullable String failure) {
}
