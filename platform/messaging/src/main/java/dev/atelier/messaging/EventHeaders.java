package dev.atelier.messaging;

import java.util.List;

/**
 * The Kafka headers every domain event carries, and nothing else: the relay writes them from the outbox row, the
 * inbox reads them to resolve and de-duplicate the event.
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

    private EventHeaders() {
    }
}
