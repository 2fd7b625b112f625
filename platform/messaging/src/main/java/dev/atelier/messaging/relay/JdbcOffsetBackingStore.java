package dev.atelier.messaging.relay;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Keeps the Debezium engine's offsets in the service's own database ({@code outbox_relay_offset}), so that a
 * restarted relay resumes where it stopped. Debezium instantiates it by class name and configures it with the
 * {@code offset.storage.jdbc.*} properties the relay passes.
 */
public class JdbcOffsetBackingStore extends MemoryOffsetBackingStore {

    static final String URL = "offset.storage.jdbc.url";
    static final String USER = "offset.storage.jdbc.user";
    static final String PASSWORD = "offset.storage.jdbc.password";
    static final String RELAY = "offset.storage.jdbc.relay";

    private String url;
    private String user;
    private String password;
    private String relay;

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
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT offset_key, offset_value FROM outbox_relay_offset WHERE relay = ?")) {
            select.setString(1, relay);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byte[] value = rows.getBytes(2);
                    loaded.put(ByteBuffer.wrap(rows.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("could not read the relay offsets of " + relay, e);
        }
        data.putAll(loaded);
    }

    @Override
    protected void save() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO outbox_relay_offset (relay, offset_key, offset_value) VALUES (?, ?, ?)
                        ON CONFLICT (relay, offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value""")) {
            connection.setAutoCommit(false);
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                upsert.setString(1, relay);
                upsert.setBytes(2, bytes(entry.getKey()));
                upsert.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new ConnectException("could not save the relay offsets of " + relay, e);
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
