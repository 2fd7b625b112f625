package dev.atelier.messaging.outbox;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox as rows of the {@code outbox} table, written with the caller's connection and transaction. */
public class JdbcOutbox implements Outbox {

    private static final String INSERT = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""";

    private final JdbcTemplate jdbc;
    private final EventCatalog catalog;
    private final Supplier<@Nullable String> traceparent;

    public JdbcOutbox(JdbcTemplate jdbc, EventCatalog catalog, Supplier<@Nullable String> traceparent) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.traceparent = traceparent;
    }

    @Override
    public void record(DomainEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.record(" + event.getClass().getSimpleName() + ") needs the business transaction: "
                            + "call it inside the @Transactional method that makes the change");
        }
        EventType type = catalog.typeOf(event);
        jdbc.update(INSERT, EventIds.next(), type.topic(), event.aggregateId(), type.name(), type.version(),
                EventJson.write(event), traceparent.get());
    }
}
