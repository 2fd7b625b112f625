package dev.atelier.order.checkout;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Events that came before the one they follow, kept with the order until the saga can apply them. */
@Repository
class ParkedEvents {

    /** A parked event, read back. */
    record Parked(long id, DomainEvent event, @Nullable UUID eventId, String waitingFor) {
    }

    private final JdbcClient jdbc;

    ParkedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void park(UUID orderId, DomainEvent event, @Nullable UUID eventId, String waitingFor, Instant now) {
        EventType type = EventCatalog.standard().typeOf(event);
        jdbc.sql("""
                INSERT INTO saga_parked (order_id, event_type, event_version, event_id, payload, waiting_for, parked_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(orderId, type.name(), type.version(), eventId, EventJson.write(event), waitingFor,
                        Timestamp.from(now))
                .update();
    }

    List<Parked> of(UUID orderId) {
        return jdbc.sql("SELECT * FROM saga_parked WHERE order_id = ? ORDER BY id").param(orderId)
                .query((rs, n) -> {
                    EventType type = EventCatalog.standard().find(rs.getString("event_type"), rs.getInt("event_version"))
                            .orElseThrow(() -> new IllegalStateException("a parked event of an unknown type"));
                    return new Parked(rs.getLong("id"), EventJson.read(rs.getString("payload"), type.javaType()),
                            rs.getObject("event_id", UUID.class), rs.getString("waiting_for"));
                }).list();
    }

    void remove(long id) {
        jdbc.sql("DELETE FROM saga_parked WHERE id = ?").param(id).update();
    }
}
