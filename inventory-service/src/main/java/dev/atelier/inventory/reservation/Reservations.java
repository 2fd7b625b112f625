package dev.atelier.inventory.reservation;

import dev.atelier.events.EventJson;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockLine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
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

    /** What was decided for an order: its status, until when it held stock, and what was short if rejected. */
    record Decided(ReservationStatus status, @Nullable Instant expiresAt, @Nullable List<RejectedLine> rejectedLines) {
    }

    Optional<Decided> decided(UUID orderId) {
        return jdbc.query("SELECT status, expires_at, rejected_lines FROM reservation WHERE order_id = ?",
                (rs, row) -> {
                    Timestamp expiresAt = rs.getTimestamp(2);
                    String rejected = rs.getString(3);
                    return new Decided(ReservationStatus.valueOf(rs.getString(1)),
                            expiresAt == null ? null : expiresAt.toInstant(),
                            rejected == null ? null : EventJson.mapper().readerForListOf(RejectedLine.class).readValue(rejected));
                }, orderId).stream().findFirst();
    }

    void markRejected(UUID orderId, List<RejectedLine> shortLines) {
        jdbc.update("UPDATE reservation SET status = 'REJECTED', release_reason = 'OUT_OF_STOCK', "
                + "rejected_lines = ?::jsonb, updated_at = now() WHERE order_id = ?",
                EventJson.mapper().writeValueAsString(shortLines), orderId);
    }

    void markEnded(UUID orderId, ReservationStatus to, @Nullable String reason) {
        jdbc.update("UPDATE reservation SET status = ?, release_reason = ?, updated_at = now() WHERE order_id = ?",
                to.name(), reason, orderId);
    }

    /** Locks the reservation rows of these orders that exist, in order id order. */
    void lockAll(Collection<UUID> orderIds) {
        jdbc.query(connection -> {
            var select = connection.prepareStatement(
                    "SELECT order_id FROM reservation WHERE order_id = ANY(?) ORDER BY order_id FOR UPDATE");
            select.setArray(1, connection.createArrayOf("uuid", orderIds.toArray()));
            return select;
        }, rs -> {
        });
    }

    /** The SKUs the reservations of these orders hold or held. */
    List<String> skusOf(Collection<UUID> orderIds) {
        return jdbc.query(connection -> {
            var select = connection.prepareStatement(
                    "SELECT DISTINCT sku FROM reservation_line WHERE order_id = ANY(?) ORDER BY sku");
            select.setArray(1, connection.createArrayOf("uuid", orderIds.toArray()));
            return select;
        }, (rs, row) -> rs.getString(1));
    }

    /** Held reservations past their time, oldest first, locked; rows another sweeper holds are skipped. */
    List<UUID> lockExpired(int limit) {
        return jdbc.query("SELECT order_id FROM reservation WHERE status = 'HELD' AND expires_at < now() "
                + "ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED", (rs, row) -> rs.getObject(1, UUID.class), limit);
    }
}
