package dev.atelier.messaging.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.EmbeddedPostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class SchedulerLockAutoConfigurationTest {

    private static final EmbeddedPostgresServer POSTGRES = EmbeddedPostgresServer.start(0, null, true);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SchedulerLockAutoConfiguration.class));

    @AfterAll
    static void stop() {
        POSTGRES.close();
    }

    @Test
    void locksOnTheServicesDatabaseSoThatASecondReplicaIsRefused() {
        POSTGRES.createDatabase("locks");
        DataSource database = POSTGRES.dataSource("locks");
        new JdbcTemplate(database).execute("""
                CREATE TABLE shedlock (name varchar(64) PRIMARY KEY, lock_until timestamptz NOT NULL,
                    locked_at timestamptz NOT NULL, locked_by varchar(255) NOT NULL)""");

        runner.withBean(DataSource.class, () -> database).run(context -> {
            LockProvider locks = context.getBean(LockProvider.class);
            LockConfiguration job = new LockConfiguration(Instant.now(), "media-retention", Duration.ofMinutes(5),
                    Duration.ZERO);

            Optional<SimpleLock> first = locks.lock(job);
            assertThat(first).as("the first replica runs the job").isPresent();
            assertThat(locks.lock(job)).as("another replica meanwhile").isEmpty();
            first.orElseThrow().unlock();
            assertThat(locks.lock(job)).as("once the job is done").isPresent();
        });
    }

    @Test
    void leavesAServicesOwnLockProviderAndNeedsADatabase() {
        LockProvider own = configuration -> Optional.empty();
        runner.withBean(DataSource.class, () -> POSTGRES.dataSource("postgres")).withBean(LockProvider.class, () -> own)
                .run(context -> assertThat(context.getBean(LockProvider.class)).isSameAs(own));
        runner.run(context -> assertThat(context).doesNotHaveBean(LockProvider.class));
        runner.withBean(DataSource.class, () -> POSTGRES.dataSource("postgres"))
                .run(context -> assertThat(context.getBean(LockProvider.class))
                        .isInstanceOf(JdbcTemplateLockProvider.class));
    }
}
