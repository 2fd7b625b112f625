package dev.atelier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server started from the zonky binaries, configured for Debezium (logical decoding and enough
 * replication slots for every service and test context). Used by the tests and by the local launcher.
 *
 * <p>Fault-injection tests can {@link #stop()} it and {@link #startAgain()} on the same port and data, the way a
 * database restart or failover looks to its clients.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    public static final String USER = "postgres";

    private final int port;
    private final Path dataDirectory;
    private final boolean throwAway;
    private final Map<String, String> settings;
    private volatile @Nullable EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(int port, Path dataDirectory, boolean throwAway, boolean clean,
            Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.throwAway = throwAway;
        // a fresh throw-away directory needs no wiping, and must not be wiped by a stop
        this.postgres = launch(clean && !throwAway);
    }

    /**
     * Starts a server.
     *
     * @param port 0 for any free port (taken below the kernel's ephemeral range, see {@link #freePort()})
     * @param dataDirectory where the cluster lives; {@code null} for a throw-away one
     * @param clean whether to wipe the data directory first (throw-away ones are always wiped)
     */
    public static EmbeddedPostgresServer start(int port, @Nullable Path dataDirectory, boolean clean) {
        return start(port, dataDirectory, clean, Map.of());
    }

    /**
     * Settings written {@code name=value,...} ({@code postgresql.conf} names, e.g.
     * {@code shared_buffers=1GB,max_wal_size=8GB}), in the order given, for {@link #start(int, Path, boolean, Map)};
     * blank for none.
     *
     * @throws IllegalArgumentException naming the part that is not {@code name=value}
     */
    public static Map<String, String> settings(String written) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (written.isBlank()) {
            return settings;
        }
        for (String setting : written.split(",")) {
            int equals = setting.indexOf('=');
            if (equals < 1 || setting.substring(equals + 1).isBlank() || setting.substring(0, equals).isBlank()) {
                throw new IllegalArgumentException("PostgreSQL settings are name=value pairs separated by commas, not '"
                        + setting.strip() + "'");
            }
            settings.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return settings;
    }

    /**
     * Starts a server with some of its settings ({@code postgresql.conf} names) other than these defaults, e.g. a
     * benchmark's {@code shared_buffers}.
     */
    public static EmbeddedPostgresServer start(int port, @Nullable Path dataDirectory, boolean clean,
            Map<String, String> settings) {
        try {
            Path data = dataDirectory != null ? dataDirectory : Files.createTempDirectory("atelier-postgres");
            return new EmbeddedPostgresServer(port > 0 ? port : freePort(), data, dataDirectory == null, clean,
                    settings);
        } catch (IOException e) {
            throw new UncheckedIOException("no directory for embedded PostgreSQL", e);
        }
    }

    private EmbeddedPostgres launch(boolean clean) {
        try {
            // a throw-away cluster trades durability for speed; its data survives a clean stop all the same
            String durable = throwAway ? "off" : "on";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            builder.setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "64")
                    .setServerConfig("max_wal_senders", "64")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable);
            settings.forEach(builder::setServerConfig);
            return builder
                    .setRegisterShutdownHook(true)
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * Stops the server as an operator would ({@code pg_ctl stop -m fast}): sessions are terminated, new
     * connections are refused until {@link #startAgain()}; the data and replication slots are kept.
     */
    @Override
    public synchronized void stop() {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
            }
        }
    }

    /** Starts a {@link #stop() stopped} server again, on the same port and data. */
    @Override
    public synchronized void startAgain() {
        if (postgres == null) {
            postgres = launch(false);
        }
    }

    private EmbeddedPostgres running() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException("embedded PostgreSQL is stopped");
        }
        return running;
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

    @Override
    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public DataSource dataSource(String database) {
        return running().getDatabase(USER, database);
    }

    /** Creates the database unless it exists; names are plain identifiers. */
    @Override
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = running().getPostgresDatabase().getConnection();
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
        stop();
        if (throwAway) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + dataDirectory, e);
            }
        }
    }
}
