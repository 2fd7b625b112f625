package dev.atelier.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The timeline as the tracking statement aggregates it (PostgreSQL's JSON of the rows), read back into entries. */
class TrackedTimelineTest {

    @Test
    void readsNoTimelineAsEmpty() {
        assertThat(Orders.timelineOf(null)).isEmpty();
    }

    @Test
    void readsEntriesInTheirOrderWithTheirInstantsAndCauses() {
        UUID eventId = UUID.fromString("0193b6a2-7c1e-7000-8000-0000000000a1");
        String json = "[{\"at\" : \"2026-11-24T16:10:00.123456+00:00\", \"status\" : \"PLACED\", \"cause\" : \"checkout\","
                + " \"eventId\" : null, \"note\" : \"placed by the shopper\"}, "
                + "{\"at\" : \"2026-11-24T17:10:01+01:00\", \"status\" : \"AWAITING_PAYMENT\","
                + " \"cause\" : \"PaymentSessionCreated\", \"eventId\" : \"" + eventId + "\", \"note\" : \"\"}]";

        assertThat(Orders.timelineOf(json)).containsExactly(
                new Orders.TimelineEntry(Instant.parse("2026-11-24T16:10:00.123456Z"), "PLACED", "checkout", null,
                        "placed by the shopper"),
                new Orders.TimelineEntry(Instant.parse("2026-11-24T16:10:01Z"), "AWAITING_PAYMENT",
                        "PaymentSessionCreated", eventId, ""));
    }
}
