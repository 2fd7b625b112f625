package dev.atelier.order.fulfilment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fulfilment columns of the order lines; the lines' snapshot itself belongs to the checkout. */
@Repository
class FulfilmentLines {

    /** A line's place in the workshop and, once shipped, its parcel. */
    record Line(UUID lineId, String sku, int quantity, LineStatus status, @Nullable String carrier,
            @Nullable String trackingNumber, @Nullable String trackingUrl) {
    }

    private final JdbcClient jdbc;

    FulfilmentLines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Line> of(UUID orderId) {
        return jdbc.sql("""
                SELECT line_id, sku, quantity, fulfilment_status, carrier, tracking_number, tracking_url
                FROM order_line WHERE order_id = ? ORDER BY position""")
                .param(orderId)
                .query((rs, n) -> new Line(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        LineStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    void move(UUID orderId, UUID lineId, LineStatus status, Instant now) {
        jdbc.sql("""
                UPDATE order_line SET fulfilment_status = :status,
                    delivered_at = CASE WHEN :status = 'DELIVERED' THEN :now ELSE delivered_at END
                WHERE order_id = :orderId AND line_id = :lineId""")
                .param("status", status.name()).param("now", Timestamp.from(now))
                .param("orderId", orderId).param("lineId", lineId).update();
    }

    void ship(UUID orderId, UUID lineId, String carrier, String trackingNumber, @Nullable String trackingUrl,
            Instant now) {
        jdbc.sql("""
                UPDATE order_line SET fulfilment_status = 'SHIPPED', carrier = ?, tracking_number = ?,
                    tracking_url = ?, shipped_at = ?
                WHERE order_id = ? AND line_id = ?""")
                .params(carrier, trackingNumber, trackingUrl, Timestamp.from(now), orderId, lineId).update();
    }
}
