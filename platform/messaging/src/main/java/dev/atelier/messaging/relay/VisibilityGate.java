package dev.atelier.messaging.relay;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Holds a batch back until every transaction in it is visible to a new snapshot of the service's database.
 * PostgreSQL flushes a transaction's commit record to the write-ahead log before it removes the transaction from
 * its proc array, so logical decoding can hand the relay a transaction that other sessions do not see yet; under
 * load, a consumer that received the event and called back the producing service could read a database without
 * the row. The gate asks the database for a snapshot ({@code pg_current_snapshot()}, one query per batch) and
 * polls until the batch's transactions have finished for it.
 */
final class VisibilityGate {

    private static final Logger log = LoggerFactory.getLogger(VisibilityGate.class);

    /** Where Debezium's PostgreSQL connector puts the transaction id in a record's source offset. */
    static final String TRANSACTION_ID = "txId";
    /** Present in the source offset of records read by a snapshot rather than from the write-ahead log. */
    static final String SNAPSHOT = "snapshot";

    private static final Duration POLL = Duration.ofMillis(1);

    private final String relay;
    private final JdbcTemplate jdbc;
    private final Runnable waitStarted;

    /** @param waitStarted told each time a batch has to wait (the relay counts these) */
    VisibilityGate(String relay, JdbcTemplate jdbc, Runnable waitStarted) {
        this.relay = relay;
        this.jdbc = jdbc;
        this.waitStarted = waitStarted;
    }

    /**
     * The 32-bit id of the transaction that wrote this record; null for a record read by a snapshot, which saw
     * only transactions that had finished.
     *
     * @throws IllegalStateException when a streamed record carries no transaction id: its visibility cannot be
     *         checked, and publishing it unchecked could reintroduce what the gate exists to prevent
     */
    static @Nullable Long transactionOf(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (offset != null && offset.get(SNAPSHOT) != null) {
            return null;
        }
        Object id = offset == null ? null : offset.get(TRANSACTION_ID);
        if (!(id instanceof Number number)) {
            throw new IllegalStateException("outbox record of topic " + record.topic() + " carries no transaction id ("
                    + TRANSACTION_ID + ") in its source offset " + offset);
        }
        // the connector gives pgoutput's 32-bit xid; the low half also serves should it ever give the 64-bit one
        return number.longValue() & 0xFFFF_FFFFL;
    }

    /**
     * Returns once every one of these transactions is visible to a new snapshot, polling every millisecond.
     *
     * @param transactions 32-bit transaction ids
     * @throws IllegalStateException when one is still invisible after {@code timeout}: the relay restarts and
     *         reads the batch again rather than publish it early or drop it
     */
    void awaitVisible(Collection<Long> transactions, Duration timeout) throws InterruptedException {
        if (transactions.isEmpty()) {
            return;
        }
        TransactionSnapshot snapshot = current();
        List<Long> pending = invisible(transactions, snapshot);
        if (pending.isEmpty()) {
            return;
        }
        waitStarted.run();
        int invisibleAtFirst = pending.size();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("transactions " + pending + " were not visible within " + timeout
                        + " although their commits were decoded (last snapshot " + snapshot + ")");
            }
            Thread.sleep(POLL);
            snapshot = current();
            pending = invisible(pending, snapshot);
        }
        if (log.isDebugEnabled()) {
            log.debug("Outbox relay {} waited {} µs for {} of its batch's {} transactions to become visible", relay,
                    (System.nanoTime() - started) / 1_000, invisibleAtFirst, transactions.size());
        }
    }

    private TransactionSnapshot current() {
        String text = jdbc.queryForObject("SELECT pg_current_snapshot()::text", String.class);
        if (text == null) {
            throw new IllegalStateException("pg_current_snapshot() returned null");
        }
        return TransactionSnapshot.parse(text);
    }

    private static List<Long> invisible(Collection<Long> transactions, TransactionSnapshot snapshot) {
        return transactions.stream().filter(xid -> !snapshot.hasFinished(xid)).toList();
    }
}
