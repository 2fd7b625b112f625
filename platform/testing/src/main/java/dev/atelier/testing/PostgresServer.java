package dev.atelier.testing;

import javax.sql.DataSource;

/**
 * The PostgreSQL server of a test JVM, embedded ({@link EmbeddedPostgresServer}) or in a Testcontainers container;
 * {@link SharedInfrastructure} picks which. Either way it runs with logical decoding for the relay, lets
 * {@link EmbeddedPostgresServer#USER} in without a password, and can be stopped and started again on the same port
 * and data for fault-injection tests.
 */
public interface PostgresServer extends AutoCloseable {

    /** The port on this host that reaches the server, the same after {@link #startAgain()}. */
    int port();

    String jdbcUrl(String database);

    DataSource dataSource(String database);

    /** Creates the database unless it exists; names are plain identifiers. */
    void createDatabase(String name);

    /** Stops the server as an operator would: sessions end, connections are refused; data and slots are kept. */
    void stop();

    /** Starts a {@link #stop() stopped} server again, on the same port and data. */
    void startAgain();

    @Override
    void close();
}
