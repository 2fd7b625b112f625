package dev.atelier.customer.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Marketing consent: never given until the customer says so; every change kept with its source and time. */
@Service
public class Consents {

    private final JdbcClient jdbc;

    Consents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One change of consent. */
    public record Change(boolean granted, String source, Instant at) {
    }

    public boolean marketing(UUID customerId) {
        return jdbc.sql("SELECT granted FROM marketing_consent WHERE customer_id = ? ORDER BY id DESC LIMIT 1")
                .param(customerId).query(Boolean.class).optional().orElse(false);
    }

    public List<Change> history(UUID customerId) {
        return jdbc.sql("SELECT granted, source, at FROM marketing_consent WHERE customer_id = ? ORDER BY id DESC")
                .param(customerId).query((rs, n) -> new Change(rs.getBoolean(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant())).list();
    }

    /** Records a change; saying the same again adds nothing. */
    @Transactional
    public void set(UUID customerId, boolean granted, String source) {
        jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(UUID.class).single();
        if (marketing(customerId) != granted || history(customerId).isEmpty()) {
            jdbc.sql("INSERT INTO marketing_consent (customer_id, granted, source) VALUES (?, ?, ?)")
                    .params(customerId, granted, source).update();
        }
    }
}
