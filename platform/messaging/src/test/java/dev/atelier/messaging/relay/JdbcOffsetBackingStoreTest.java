package dev.atelier.messaging.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.testing.EmbeddedPostgresServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On the embedded PostgreSQL: the relay's offsets survive a restart, every save of a running relay goes through one
 * session, and a save whose session was ended goes through a new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcOffsetBackingStoreTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String RELAY = "offsets-test";
    private static final String SESSION = "atelier-relay-offsets " + RELAY;

    private MessagingDatabase database;

    @BeforeAll
    void migrate() {
        database = MessagingDatabase.fresh("offsets");
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void savesThroughOneSessionAndResumesAfterARestart() throws Exception {
        JdbcOffsetBackingStore store = started();
        save(store, "position", "1");
        List<Integer> first = sessions();
        save(store, "position", "2");
        save(store, "position", "3");

        assertThat(first).hasSize(1);
        assertThat(sessions()).isEqualTo(first);
        store.stop();
        await().atMost(DEADLINE).until(() -> sessions().isEmpty());

        JdbcOffsetBackingStore restarted = started();
        try {
            assertThat(read(restarted, "position")).isEqualTo("3");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aSaveWhoseSessionWasEndedGoesThroughANewOne() throws Exception {
        JdbcOffsetBackingStore store = started();
        try {
            save(store, "ended", "before");
            List<Integer> before = sessions();
            assertThat(before).hasSize(1);
            database.jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, before.getFirst());
            await().atMost(DEADLINE).until(() -> !sessions().equals(before));

            save(store, "ended", "after");

            assertThat(sessions()).hasSize(1).doesNotContainAnyElementsOf(before);
            assertThat(database.jdbc.queryForObject("SELECT convert_from(offset_value, 'UTF8') FROM outbox_relay_offset"
                    + " WHERE relay = ? AND offset_key = ?", String.class, RELAY, bytes("ended")))
                    .isEqualTo("after");
        } finally {
            store.stop();
        }
    }

    private JdbcOffsetBackingStore started() {
        JdbcOffsetBackingStore store = new JdbcOffsetBackingStore();
        store.configure(new StandaloneConfig(Map.of(
                "bootstrap.servers", "localhost:9",
                "key.converter", JsonConverter.class.getName(),
                "value.converter", JsonConverter.class.getName(),
                "offset.storage.file.filename", "unused",
                JdbcOffsetBackingStore.URL, database.url,
                JdbcOffsetBackingStore.USER, EmbeddedPostgresServer.USER,
                JdbcOffsetBackingStore.RELAY, RELAY)));
        store.start();
        return store;
    }

    private List<Integer> sessions() {
        return database.jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ? ORDER BY pid",
                Integer.class, SESSION);
    }

    private static void save(JdbcOffsetBackingStore store, String key, String value) throws Exception {
        store.set(Map.of(ByteBuffer.wrap(bytes(key)), ByteBuffer.wrap(bytes(value))), null)
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private static String read(JdbcOffsetBackingStore store, String key) throws Exception {
        ByteBuffer value = store.get(List.of(ByteBuffer.wrap(bytes(key))))
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS).get(ByteBuffer.wrap(bytes(key)));
        return StandardCharsets.UTF_8.decode(value).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
