package dev.atelier.messaging.scheduling;

import dev.atelier.messaging.config.MessagingAutoConfiguration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lock a service's scheduled jobs take so that one replica at a time runs each ({@code @SchedulerLock}): ShedLock's
 * {@code shedlock} table in the service's own database, timed by the database's clock (the replicas' clocks may
 * disagree). A service that has ShedLock on its classpath gets it; it turns its jobs on itself
 * ({@code @EnableScheduling}, {@code @EnableSchedulerLock} with its own {@code defaultLockAtMostFor}), creates the table
 * in its Flyway migrations, and may declare its own {@link LockProvider} instead.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnClass(JdbcTemplateLockProvider.class)
@ConditionalOnBean(DataSource.class)
public class SchedulerLockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LockProvider.class)
    LockProvider schedulerLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
