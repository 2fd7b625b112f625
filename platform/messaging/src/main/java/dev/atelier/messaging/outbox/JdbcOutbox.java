package dev.atelier.messaging.outbox;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventJson;
import dev.atelier.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox as rows of the {@code outbox} table, written with the caller's connection and transaction. The rows
 * of one transaction are written together, as one JDBC batch just before it commits (after the
 * {@link #beforeWrite} steps, which may record more); a transaction that applies a hundred events pays one round
 * trip for its outbox, not a hundred.
 */
class JdbcOutbox implements Outbox {

    private static final String INSERT = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?::json, ?)""";

    private final JdbcTemplate jdbc;
    private final EventCatalog catalog;
    private final Supplier<@Nullable String> traceparent;

    JdbcOutbox(JdbcTemplate jdbc, EventCatalog catalog, Supplier<@Nullable String> traceparent) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.traceparent = traceparent;
    }

    private record Row(UUID id, EventType type, String aggregateId, String payload, @Nullable String traceparent) {
    }

    @Override
    public void record(DomainEvent event) {
        requireTransaction("Outbox.record(" + event.getClass().getSimpleName() + ")");
        EventType type = catalog.typeOf(event);
        Row row = new Row(EventIds.next(), type, event.aggregateId(), EventJson.write(event), traceparent.get());
        Pending pending = pending();
        if (pending.flushed) {
            // recorded by a before-commit step that ran after the flush: written at once
            write(List.of(row));
        } else {
            pending.rows.add(row);
        }
    }

    @Override
    public void beforeWrite(Runnable step) {
        requireTransaction("Outbox.beforeWrite");
        Pending pending = pending();
        if (pending.flushed) {
            throw new IllegalStateException("this transaction's events are written already");
        }
        pending.steps.add(step);
    }

    private static void requireTransaction(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalTransactionStateException(what + " needs the business transaction: "
                    + "call it inside the @Transactional method that makes the change");
        }
    }

    /** The rows and before-write steps of one transaction, and whether the rows were written already. */
    private static final class Pending {
        final List<Row> rows = new ArrayList<>();
        final List<Runnable> steps = new ArrayList<>();
        boolean flushed;
    }

    private Pending pending() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (Pending) bound;
        }
        Pending pending = new Pending();
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                pending.steps.forEach(Runnable::run);
                write(pending.rows);
                pending.rows.clear();
                pending.flushed = true;
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(JdbcOutbox.this);
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE;
            }
        });
        return pending;
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> {
            statement.setObject(1, row.id());
            statement.setString(2, row.type().topic());
            statement.setString(3, row.aggregateId());
            statement.setString(4, row.type().name());
            statement.setInt(5, row.type().version());
            statement.setString(6, row.payload());
            statement.setString(7, row.traceparent());
        });
    }
}
