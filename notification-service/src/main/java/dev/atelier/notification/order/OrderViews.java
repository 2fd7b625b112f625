package dev.atelier.notification.order;

import dev.atelier.events.EventJson;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code order_view} read model: one row per order, its snapshot as JSON. */
@Repository
class OrderViews {

    private final JdbcClient jdbc;

    OrderViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(OrderSnapshot order) {
        jdbc.sql("""
                        INSERT INTO order_view (order_id, order_number, customer_email, customer_id, details)
                        VALUES (:id, :number, :email, :customerId, CAST(:details AS jsonb))
                        ON CONFLICT (order_id) DO UPDATE SET order_number = excluded.order_number,
                            customer_email = excluded.customer_email, customer_id = excluded.customer_id,
                            details = excluded.details, updated_at = now()""")
                .param("id", order.orderId())
                .param("number", order.orderNumber())
                .param("email", order.customerEmail())
                .param("customerId", order.customerId())
                .param("details", EventJson.mapper().writeValueAsString(order))
                .update();
    }

    Optional<OrderSnapshot> find(UUID orderId) {
        return jdbc.sql("SELECT details::text FROM order_view WHERE order_id = :id").param("id", orderId)
                .query(String.class).optional()
                .map(json -> EventJson.mapper().readValue(json, OrderSnapshot.class));
    }
}
