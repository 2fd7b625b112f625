package dev.atelier.messaging.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL advisory lock, named after the relay's slot, that makes one instance of a service the one that
 * streams. It is a session-level lock, so it lives in a connection of its own for as long as it is held (which is
 * why the relay needs a session connection, not PgBouncer's transaction pooling).
 */
final class RelayLock {

    private static final Logger log = LoggerFactory.getLogger(RelayLock.class);

    private final RelaySettings settings;
    private volatile @Nullable Connection session;

    RelayLock(RelaySettings settings) {
        this.settings = settings;
    }

    /** Takes the lock, or confirms that this instance holds it still; false when another instance holds it. */
    boolean hold() throws SQLException {
        if (isAlive()) {
            return true;
        }
        release();
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        boolean acquired;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "atelier-outbox-relay:" + settings.slotName());
            try (ResultSet result = lock.executeQuery()) {
                acquired = result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        if (acquired) {
            session = connection;
        } else {
            connection.close();
        }
        return acquired;
    }

    /** Whether this instance took the lock and its session still answers. */
    boolean isAlive() {
        Connection held = session;
        try {
            return held != null && held.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether this instance took the lock (its session may have died since). */
    boolean isTaken() {
        return session != null;
    }

    /** Lets go of the lock by closing its session. */
    void release() {
        Connection held = session;
        session = null;
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                log.debug("Closing the relay lock connection failed", e);
            }
        }
    }
}
