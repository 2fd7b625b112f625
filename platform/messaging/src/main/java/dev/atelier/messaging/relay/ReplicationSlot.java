package dev.atelier.messaging.relay;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/** What PostgreSQL and the relay's offset table tell about the relay's replication slot. */
final class ReplicationSlot {

    private final RelaySettings settings;
    private final JdbcTemplate jdbc;

    ReplicationSlot(RelaySettings settings, JdbcTemplate jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    String name() {
        return settings.slotName();
    }

    boolean exists() {
        Integer slots = jdbc.queryForObject("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?",
                Integer.class, settings.slotName());
        return slots != null && slots > 0;
    }

    /**
     * Whether the slot is about to be created although the relay streamed before (it has offsets): a failover to
     * a server without the slot, an upgrade, an operator who dropped it. The WAL of the rows still in the outbox
     * is then out of the new slot's reach.
     */
    boolean isNew() {
        if (exists()) {
            return false;
        }
        Integer offsets = jdbc.queryForObject("SELECT count(*) FROM outbox_relay_offset WHERE relay = ?", Integer.class,
                settings.name());
        // without offsets the engine's initial snapshot reads the whole outbox anyway
        return offsets != null && offsets > 0;
    }

    /** Forgets the stored position: it lies in WAL a new slot cannot reach, and Debezium would refuse to start there. */
    void forgetPosition() {
        jdbc.update("DELETE FROM outbox_relay_offset WHERE relay = ?", settings.name());
    }

    /** Whether PostgreSQL reports the slot as in use. */
    boolean isActive() {
        Boolean active = jdbc.query("SELECT active FROM pg_replication_slots WHERE slot_name = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, settings.slotName());
        return Boolean.TRUE.equals(active);
    }

    /** WAL retained for the slot, in bytes; null when the slot does not exist or the database cannot be asked. */
    @Nullable Long lagBytes() {
        try {
            return jdbc.query("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
                    + "FROM pg_replication_slots WHERE slot_name = ?", rs -> rs.next() ? rs.getLong(1) : null,
                    settings.slotName());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
