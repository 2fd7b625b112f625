package dev.atelier.messaging.inbox;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that goes away by itself (the database restarting or failing over, a lost connection, a
 * serialization failure, a deadlock, a lock timeout) from one that no retry can fix. A transient failure is
 * retried for as long as it lasts; dead-lettering it would throw away an event that could have been applied.
 */
final class TransientFailures {

    /**
     * PostgreSQL SQLSTATEs (classes or codes) that a retry outlives: connection exceptions (08), serialization
     * failure and deadlock (40001, 40P01), lock not available (55P03), a statement cancelled by a timeout
     * (57014), an administrator or crash shutdown and a server that is starting (57P01-57P03), insufficient
     * resources (53) and system errors such as an I/O error (58).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "58");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02",
            "57P03");

    private TransientFailures() {
    }

    static boolean isTransient(@Nullable Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof UndeliverableEventException) {
                return false;
            }
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SocketException || cause instanceof SocketTimeoutException
                    || cause instanceof EOFException) {
                return true;
            }
            if (cause instanceof TransactionSystemException failedEnd) {
                // a commit or rollback that failed on a connection the pool already closed, or after a failure
                // that was itself transient (the database shut the session down mid-transaction)
                if (failedEnd.getCause() instanceof SQLException sql && sql.getSQLState() == null
                        || isTransient(failedEnd.getApplicationException())) {
                    return true;
                }
            }
            if (cause instanceof SQLException sql) {
                for (SQLException each = sql; each != null; each = each.getNextException()) {
                    if (isTransientState(each.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isTransientState(@Nullable String sqlState) {
        return sqlState != null && sqlState.length() == 5
                && (TRANSIENT_CLASSES.contains(sqlState.substring(0, 2)) || TRANSIENT_CODES.contains(sqlState));
    }
}
