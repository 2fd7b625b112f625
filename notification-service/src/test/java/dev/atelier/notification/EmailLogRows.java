package dev.atelier.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the e-mail log and the inbox the way a test asserts on them. */
public final class EmailLogRows {

    private final JdbcTemplate jdbc;

    public EmailLogRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> ofOrder(UUID orderId) {
        return jdbc.queryForList("SELECT * FROM email WHERE order_id = ? ORDER BY id", orderId);
    }

    public List<Map<String, Object>> to(String recipient) {
        return jdbc.queryForList("SELECT * FROM email WHERE recipient = ? ORDER BY id", recipient);
    }

    public Map<String, Object> byId(UUID id) {
        return jdbc.queryForMap("SELECT * FROM email WHERE id = ?", id);
    }

    public boolean handled(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM inbox WHERE event_id = ?)",
                Boolean.class, eventId));
    }

    public boolean orderKnown(UUID orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM order_view WHERE order_id = ?)",
                Boolean.class, orderId));
    }
}
