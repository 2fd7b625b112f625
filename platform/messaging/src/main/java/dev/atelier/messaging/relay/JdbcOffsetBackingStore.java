package dev.atelier.messaging.relay;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Debezium engine's offsets in the service's own database ({@code outbox_relay_offset}), so that a
 * restarted relay resumes where it stopped. Debezium instantiates it by class name and configures it with the
 * {@code offset.storage.jdbc.*} properties the relay passes.
 * <p>
 * The engine saves its offsets every {@code offset.flush.interval.ms} (a second by default) while events flow, so the
 * store keeps one session open for it ({@code application_name} {@code atelier-relay-offsets <relay>}) rather than
 * opening one per save: a new PostgreSQL session is a forked backend that builds its caches from nothing, and seven
 * relays saving every second made that about 4 % of a busy two-core machine. A session that no longer answers (the
 * server restarted, or an operator ended it) is replaced before a save, and a save that fails on its session is tried
 * once more on a new one.
 */
public class JdbcOffsetBackingStore extends MemoryOffsetBackingStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcOffsetBackingStore.class);
    private static final int VALID_WITHIN_SECONDS = 5;

    static final String URL = "offset.storage.jdbc.url";
    static final String USER = "offset.storage.jdbc.user";
    static final String PASSWORD = "offset.storage.jdbc.password";
    static final String RELAY = "offset.storage.jdbc.relay";

    private String url;
    private String user;
    private String password;
    private String relay;
    /** The session the reads and saves share; opened on first use, replaced when it stops answering or a save fails. */
    private @Nullable Connection session;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        url = required(originals, URL);
        user = required(originals, USER);
        password = String.valueOf(originals.getOrDefault(PASSWORD, ""));
        relay = required(originals, RELAY);
    }

    private static String required(Map<String, Object> originals, String key) {
        Object value = originals.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConnectException("missing " + key);
        }
        return value.toString();
    }

    @Override
    public synchronized void start() {
        super.start();
        Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
        try {
            Connection connection = session();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT offset_key, offset_value FROM outbox_relay_offset WHERE relay = ?")) {
                select.setString(1, relay);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        byte[] value = rows.getBytes(2);
                        loaded.put(ByteBuffer.wrap(rows.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            closeSession();
            throw new ConnectException("could not read the relay offsets of " + relay, e);
        }
        data.putAll(loaded);
    }

    @Override
    public void stop() {
        // the engine's last save runs on the executor that stopping waits for, so the session closes after it
        super.stop();
        synchronized (this) {
            closeSession();
        }
    }

    @Override
    protected synchronized void save() {
        try {
            write();
        } catch (SQLException first) {
            log.info("Saving the offsets of relay {} failed on its session ({}); trying once on a new one", relay,
                    first.getMessage());
            closeSession();
            try {
                write();
            } catch (SQLException e) {
                closeSession();
                e.addSuppressed(first);
                throw new ConnectException("could not save the relay offsets of " + relay, e);
            }
        }
    }

    private void write() throws SQLException {
        Connection connection = session();
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO outbox_relay_offset (relay, offset_key, offset_value) VALUES (?, ?, ?)
                ON CONFLICT (relay, offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value""")) {
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                upsert.setString(1, relay);
                upsert.setBytes(2, bytes(entry.getKey()));
                upsert.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        }
    }

    private Connection session() throws SQLException {
        Connection current = session;
        // a round trip, far cheaper than a session per save; a session that dies after it fails the save, tried again
        if (current == null || !current.isValid(VALID_WITHIN_SECONDS)) {
            closeSession();
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            properties.setProperty("ApplicationName", "atelier-relay-offsets " + relay);
            current = DriverManager.getConnection(url, properties);
            current.setAutoCommit(false);
            session = current;
        }
        return current;
    }

    private void closeSession() {
        Connection current = session;
        session = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                log.debug("Closing the offsets session of relay {}: {}", relay, e.toString());
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        // Only the Connect REST API asks for this; the embedded engine never does.
        return Set.of();
    }
}
