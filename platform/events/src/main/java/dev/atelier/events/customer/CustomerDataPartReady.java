package dev.atelier.events.customer;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * One service's part of a customer's data export (answer to {@link CustomerDataExportRequested}): {@code partJson}
 * is a JSON object with field names a person can read, holding what {@code service} keeps about the customer (and
 * their guest records under the request's e-mail). customer-service adds it to the request's archive. A part is at
 * most 512 KiB; a service that holds more says so in the part and offers the rest through its own account API.
 * Sent once per request and service (a repeat replaces the earlier part). See docs/customer-data-requests.md.
 */
@EventContract(name = "CustomerDataPartReady", version = 1, topic = Topics.CUSTOMER_DATA_REQUEST)
public record CustomerDataPartReady(UUID requestId, UUID customerId, String service, String partJson,
        Instant preparedAt) implements DomainEvent {

    /** The largest part a service sends on the topic, in UTF-8 bytes. */
    public static final int MAX_PART_BYTES = 512 * 1024;

    @Override
    public String aggregateId() {
        return requestId.toString();
    }
}
