package dev.atelier.testing;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a Testcontainers container, on the image production runs ({@value #IMAGE}, the release of the
 * embedded binaries), configured like the embedded server: logical decoding, 64 replication slots, the
 * {@code postgres} user without a password. Its host port is fixed when the container is created, so that
 * {@link #stop()} and {@link #startAgain()} keep every JDBC URL valid, as with the embedded server.
 */
final class ContainerPostgresServer implements PostgresServer {

    /** Overridden by the system property {@code atelier.testing.postgres-image}. */
    static final String IMAGE = "postgres:18.6";
    private static final int POSTGRES_PORT = 5432;
    private static final Duration RESTART_DEADLINE = Duration.ofSeconds(60);

    private final PostgreSQLContainer container;
    private final int port;

    private ContainerPostgresServer(PostgreSQLContainer container, int port) {
        this.container = container;
        this.port = port;
    }

    static ContainerPostgresServer start() {
        int port = EmbeddedPostgresServer.freePort();
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(System.getProperty("atelier.testing.postgres-image", IMAGE))
                        .asCompatibleSubstituteFor("postgres"))
                .withUsername(EmbeddedPostgresServer.USER)
                .withPassword("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=64",
                        "-c", "max_wal_senders=64", "-c", "max_connections=300", "-c", "fsync=off")
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(new PortBinding(
                        Ports.Binding.bindPort(port), new ExposedPort(POSTGRES_PORT))));
        container.start();
        return new ContainerPostgresServer(container, port);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + port + "/" + database;
    }

    @Override
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(EmbeddedPostgresServer.USER);
        return dataSource;
    }

    @Override
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), EmbeddedPostgresServer.USER, "");
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** Stops the container (PostgreSQL shuts down fast on SIGTERM); its file system, data and slots stay. */
    @Override
    public synchronized void stop() {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public synchronized void startAgain() {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        Awaitility.await("PostgreSQL's container accepts connections again").atMost(RESTART_DEADLINE)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"),
                            EmbeddedPostgresServer.USER, "")) {
                        return connection.isValid(2);
                    }
                });
    }

    @Override
    public void close() {
        container.stop();
    }
}
