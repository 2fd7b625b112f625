package dev.atelier.messaging.it.producer;

import dev.atelier.events.DomainEvent;
import dev.atelier.messaging.outbox.Outbox;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The producer's business transactions: a state change (a row in {@code sent}) and its events, together. */
@Component
public class PingWriter {

    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    PingWriter(Outbox outbox, JdbcTemplate jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Transactional
    public void write(List<? extends DomainEvent> events) {
        for (DomainEvent event : events) {
            jdbc.update("INSERT INTO sent (aggregate_id) VALUES (?)", event.aggregateId());
            outbox.record(event);
        }
    }

    @Transactional
    public void writeThenFail(DomainEvent event) {
        jdbc.update("INSERT INTO sent (aggregate_id) VALUES (?)", event.aggregateId());
        outbox.record(event);
        throw new IllegalStateException("the business rule failed after recording the event");
    }
}
