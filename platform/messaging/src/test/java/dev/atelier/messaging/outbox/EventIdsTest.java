package dev.atelier.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event ids are version 7, carry their moment, and strictly increase even within one millisecond. */
class EventIdsTest {

    @Test
    void increaseStrictlyWithinAMillisecondAndCarryTheirMoment() {
        Instant before = Instant.ofEpochMilli(System.currentTimeMillis());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(EventIds.next());
        }
        Instant after = Instant.ofEpochMilli(System.currentTimeMillis());

        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d after id %d", i, i - 1).isGreaterThan(ids.get(i - 1));
        }
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(EventIds.timestampOf(ids.getFirst())).isBetween(before, after.plusMillis(10));
        assertThat(ids.stream().map(EventIds::timestampOf).distinct().count())
                .as("many ids shared a millisecond").isLessThan(ids.size());
    }
}
