package dev.atelier.messaging.config;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's own tables (outbox, relay offsets, inbox) beside the service's migrations, with a
 * history table of their own, so that platform and service version their schemas independently.
 */
class MessagingSchemaMigration implements FlywayMigrationStrategy {

    static final String HISTORY_TABLE = "atelier_messaging_schema_history";
    static final String LOCATION = "classpath:db/atelier-messaging";

    @Override
    public void migrate(Flyway serviceFlyway) {
        serviceFlyway.migrate();
        Flyway.configure()
                .configuration(serviceFlyway.getConfiguration())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
