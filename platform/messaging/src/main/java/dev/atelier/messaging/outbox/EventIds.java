package dev.atelier.messaging.outbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered event ids (UUID version 7, RFC 9562): they index well and carry the moment the event was
 * recorded, which the relay uses to measure how long an event waited before it reached Kafka.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
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
