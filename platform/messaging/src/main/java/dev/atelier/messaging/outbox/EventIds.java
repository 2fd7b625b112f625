package dev.atelier.messaging.outbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered event ids (UUID version 7, RFC 9562): they index well and carry the moment the event was
 * recorded, which the relay uses to measure how long an event waited before it reached Kafka. Within a JVM they
 * strictly increase (RFC 9562 §6.2, method 1: the 12 bits after the millisecond count within it), so ordering
 * by id is ordering by creation even for ids made in the same millisecond.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COUNTER_BITS = 12;

    private static long lastMillis = -1;
    private static long counter;

    private EventIds() {
    }

    public static synchronized UUID next() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            // a random start in the lower half leaves room to count within the millisecond
            counter = RANDOM.nextInt(1 << (COUNTER_BITS - 1));
        } else if (++counter >= 1 << COUNTER_BITS) {
            lastMillis++;
            counter = 0;
        }
        return of(lastMillis, counter);
    }

    static UUID at(long epochMillis) {
        return of(epochMillis, RANDOM.nextInt(1 << COUNTER_BITS));
    }

    private static UUID of(long epochMillis, long randA) {
        long msb = (epochMillis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** When a version 7 id was made; {@code null} for ids of another version. */
    public static Instant timestampOf(UUID id) {
        if (id.version() != 7) {
            return null;
        }
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }
}
