package dev.atelier.events;

import java.util.List;

/**
 * The Kafka header names of the platform, in one place: the four contract headers every domain event carries
 * (platform/messaging's relay writes them from the outbox row, its inbox reads them to resolve and de-duplicate the
 * event, platform/testing's EventPublisher and EventProbe write and read them), and the two a dead letter carries
 * besides (the inbox's error handler writes them, the dead-letter tools and tests read them).
 */
public final class EventHeaders {

    /** The event's id (a UUIDv7): the inbox's de-duplication key. */
    public static final String EVENT_ID = "eventId";
    /** The contract's name, e.g. {@code StockReserved}. */
    public static final String EVENT_TYPE = "eventType";
    /** The contract's version, e.g. {@code 1}. */
    public static final String EVENT_VERSION = "eventVersion";
    /** The W3C trace context of the transaction that recorded the event, when it was traced. */
    public static final String TRACEPARENT = "traceparent";

    /** The contract headers, in the order the relay writes them. */
    public static final List<String> ALL = List.of(EVENT_ID, EVENT_TYPE, EVENT_VERSION, TRACEPARENT);

    /** On a dead letter: how many times the consumer tried the record. */
    public static final String DEAD_LETTER_ATTEMPTS = "atelier-dlt-attempts";
    /** On a dead letter: the root cause, in one line. */
    public static final String DEAD_LETTER_REASON = "atelier-dlt-reason";

    private EventHeaders() {
    }
}
