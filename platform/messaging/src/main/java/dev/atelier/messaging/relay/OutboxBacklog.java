package dev.atelier.messaging.relay;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rows still in the outbox: the events Kafka has not acknowledged yet (the relay deletes the others). */
final class OutboxBacklog {

    private final JdbcTemplate jdbc;

    OutboxBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many rows wait; NaN when the database cannot be asked. */
    double pendingRows() {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** How long the oldest row has waited; zero when the outbox is empty or the database cannot be asked. */
    Duration oldestAge() {
        try {
            Long millis = jdbc.queryForObject("SELECT coalesce((EXTRACT(EPOCH FROM now() - min(created_at)) * 1000)"
                    + "::bigint, 0) FROM outbox", Long.class);
            return Duration.ofMillis(millis == null ? 0 : Math.max(0, millis));
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    /**
     * Makes every row appear in the write-ahead log again: the rows are moved out and back in one transaction, each
     * with its id, so consumers recognise what they already applied. Returns how many.
     */
    int writeAgain() {
        Integer moved = jdbc.queryForObject("""
                WITH pending AS (DELETE FROM outbox RETURNING *),
                     again AS (INSERT INTO outbox SELECT * FROM pending RETURNING 1)
                SELECT count(*) FROM again""", Integer.class);
        return moved == null ? 0 : moved;
    }
}
