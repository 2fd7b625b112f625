package dev.atelier.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class TransientFailuresTest {

    @Test
    void aDatabaseThatIsAwayIsTransient() {
        var refused = new PSQLException("Connection to localhost:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        var noConnection = new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available", refused));
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed", noConnection)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new CannotGetJdbcConnectionException("no connection", refused))).isTrue();
    }

    @Test
    void aConnectionLostMidTransactionIsTransient() {
        var rollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST));
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed", rollback)))
                .isTrue();
        // the pool's own "Connection is closed" carries no SQLSTATE; the statement before it said why
        var closedByPool = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        closedByPool.initApplicationException(new DataAccessResourceFailureException("insert failed",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(TransientFailures.isTransient(closedByPool)).isTrue();
    }

    @Test
    void serializationFailuresDeadlocksLockTimeoutsAndAStartingServerAreTransient() {
        for (String state : new String[] {"40001", "40P01", "55P03", "57P01", "57P03", "08006", "53300"}) {
            assertThat(TransientFailures.isTransient(new RuntimeException("wrapped", new SQLException("x", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void bugsConstraintViolationsAndUndeliverableEventsAreNot() {
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("poison"))).isFalse();
        assertThat(TransientFailures.isTransient(new DuplicateKeyException("dup", new SQLException("dup", "23505"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("null",
                new SQLException("null", "23502")))).isFalse();
        assertThat(TransientFailures.isTransient(new UndeliverableEventException("unknown type",
                new SQLException("x", "08006")))).isFalse();
    }
}
