package dev.atelier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server started from the zonky binaries, configured for Debezium (logical decoding and enough
 * replication slots for every service and test context). Used by the tests and by the local launcher.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server.
     *
     * @param port 0 for any free port (taken below the kernel's ephemeral range, see {@link #freePort()})
     * @param dataDirectory where the cluster lives; {@code null} for a throw-away one
     * @param clean whether to wipe the data directory first (throw-away ones are always wiped)
     */
    public static EmbeddedPostgresServer start(int port, @Nullable Path dataDirectory, boolean clean) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "64")
                    .setServerConfig("max_wal_senders", "64")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on")
                    .setServerConfig("full_page_writes", dataDirectory == null ? "off" : "on")
                    .setRegisterShutdownHook(true);
            builder.setPort(port > 0 ? port : freePort());
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(clean);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * A port nobody listens on, below the kernel's ephemeral range (32768 and up): a port picked there could be
     * handed to some client's or broker's socket between the pick and PostgreSQL's bind, and the start would
     * then wait on a stranger.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20000, 32000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public DataSource dataSource(String database) {
        return postgres.getDatabase(USER, database);
    }

    /** Creates the database unless it exists; names are plain identifiers. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
