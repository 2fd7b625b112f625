package dev.atelier.inventory.reservation;

import dev.atelier.events.inventory.StockLine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The reservation rows: one per order, with the component lines it holds. */
@Repository
class Reservations {

    private final JdbcTemplate jdbc;

    Reservations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the order with the lines it wants, in one statement: true for the first OrderPlaced of an order,
     * false (and nothing written) for any later one. The lines only hold stock while the status is HELD.
     */
    boolean open(UUID orderId, Instant expiresAt, List<StockLine> lines) {
        Boolean opened = jdbc.query(connection -> {
            var insert = connection.prepareStatement("""
                    WITH opened AS (
                        INSERT INTO reservation (order_id, status, expires_at) VALUES (?, 'HELD', ?)
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING order_id
                    ), lines AS (
                        INSERT INTO reservation_line (order_id, sku, quantity)
                        SELECT opened.order_id, line.sku, line.quantity
                          FROM opened, unnest(?::text[], ?::int[]) AS line (sku, quantity)
                    )
                    SELECT count(*) FROM opened""");
            insert.setObject(1, orderId);
            insert.setTimestamp(2, Timestamp.from(expiresAt));
            insert.setArray(3, connection.createArrayOf("text", lines.stream().map(StockLine::sku).toArray()));
            insert.setArray(4, connection.createArrayOf("int4", lines.stream().map(StockLine::quantity).toArray()));
            return insert;
        }, rs -> rs.next() && rs.getLong(1) == 1);
        return Boolean.TRUE.equals(opened);
    }

    List<StockLine> lines(UUID orderId) {
        return jdbc.query("SELECT sku, quantity FROM reservation_line WHERE order_id = ? ORDER BY sku",
                (rs, row) -> new StockLine(rs.getString(1), rs.getInt(2)), orderId);
    }

    /** The order's status, its row locked until the transaction ends. */
    Optional<ReservationStatus> lock(UUID orderId) {
        return jdbc.query("SELECT status FROM reservation WHERE order_id = ? FOR UPDATE",
                (rs, row) -> ReservationStatus.valueOf(rs.getString(1)), orderId).stream().findFirst();
    }

    void markEnded(UUID orderId, ReservationStatus to, @Nullable String reason) {
        jdbc.update("UPDATE reservation SET status = ?, release_reason = ?, updated_at = now() WHERE order_id = ?",
                to.name(), reason, orderId);
    }

    /** Held reservations past their time, oldest first, locked; rows another sweeper holds are skipped. */
    List<UUID> lockExpired(int limit) {
        return jdbc.query("SELECT order_id FROM reservation WHERE status = 'HELD' AND expires_at < now() "
                + "ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED", (rs, row) -> rs.getObject(1, UUID.class), limit);
    }
}
