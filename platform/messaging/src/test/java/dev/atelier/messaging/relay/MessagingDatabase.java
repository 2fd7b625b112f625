package dev.atelier.messaging.relay;

import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.SharedInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** A fresh database on the shared embedded PostgreSQL with the messaging tables migrated, and a pool on it. */
final class MessagingDatabase implements AutoCloseable {

    final String url;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;

    private MessagingDatabase(String url) {
        this.url = url;
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(EmbeddedPostgresServer.USER);
        jdbc = new JdbcTemplate(dataSource);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/atelier-messaging").load().migrate();
    }

    /** A new database whose name starts with {@code prefix}. */
    static MessagingDatabase fresh(String prefix) {
        return new MessagingDatabase(SharedInfrastructure.get().freshDatabase(prefix));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
