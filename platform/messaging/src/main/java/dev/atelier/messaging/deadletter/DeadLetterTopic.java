package dev.atelier.messaging.deadletter;

/**
 * A topic this service consumes and its dead letters.
 *
 * @param topic the topic consumed
 * @param deadLetterTopic this service's dead-letter topic for it, {@code <topic>.<service>.dlt}
 * @param pending dead letters not yet replayed
 * @param total dead letters ever written (and still retained by Kafka)
 */
public record DeadLetterTopic(String topic, String deadLetterTopic, long pending, long total) {
}
