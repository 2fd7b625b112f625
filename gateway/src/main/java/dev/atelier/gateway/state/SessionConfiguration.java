package dev.atelier.gateway.state;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where a signed-in browser's session lives: in the gateway's PostgreSQL database (Spring Session's JDBC
 * repository, tables from {@code db/migration}), not in the JVM. A gateway that restarts finds its sessions again,
 * and any replica serves any request, so no sticky load balancing is needed. The browser holds only the id, in an
 * HttpOnly, SameSite=Lax cookie that is Secure outside local runs. Anonymous browsing writes nothing: a session is
 * stored only once something is put in it (sign-in starts it).
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringWebSession
@EnableScheduling
public class SessionConfiguration {

    /** The session cookie's name. */
    public static final String COOKIE = "atelier_session";

    @Bean
    JdbcIndexedSessionRepository jdbcSessionRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            @Value("${atelier.gateway.session.idle-timeout:8h}") Duration idleTimeout) {
        JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(jdbc,
                new TransactionTemplate(transactions));
        sessions.setDefaultMaxInactiveInterval(idleTimeout);
        return sessions;
    }

    @Bean
    ReactiveSessionRepository<Session> reactiveSessionRepository(JdbcIndexedSessionRepository sessions) {
        Scheduler blocking = Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
                Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "session-jdbc");
        return new BlockingSessionRepository(sessions, blocking);
    }

    @Bean
    WebSessionIdResolver webSessionIdResolver(@Value("${atelier.gateway.secure:true}") boolean secure) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(COOKIE);
        resolver.addCookieInitializer(cookie -> cookie.path("/").httpOnly(true).sameSite("Lax").secure(secure));
        return resolver;
    }

    /** The rate limiter's buckets that must hold across replicas (sign-in, sign-up, checkout, …). */
    @Bean
    JdbcBuckets sharedBuckets(JdbcTemplate jdbc,
            @Value("${atelier.gateway.rate-limit-store.keep-idle:10m}") Duration keepIdle) {
        return new JdbcBuckets(jdbc, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(), keepIdle,
                java.time.Clock.systemUTC());
    }

    @Bean
    IdleBuckets idleBuckets(JdbcBuckets buckets) {
        return new IdleBuckets(buckets);
    }

    /** Deletes buckets idle past their window; every replica may run it. */
    static final class IdleBuckets {

        private final JdbcBuckets buckets;

        IdleBuckets(JdbcBuckets buckets) {
            this.buckets = buckets;
        }

        @Scheduled(fixedDelayString = "${atelier.gateway.rate-limit-store.cleanup-interval:5m}",
                initialDelayString = "1m")
        void forget() {
            buckets.forgetIdle();
        }
    }

    @Bean
    ExpiredSessions expiredSessions(JdbcIndexedSessionRepository sessions) {
        return new ExpiredSessions(sessions);
    }

    /** Deletes expired sessions. Every replica may run it: deleting what expired twice deletes nothing more. */
    static final class ExpiredSessions {

        private final JdbcIndexedSessionRepository sessions;

        ExpiredSessions(JdbcIndexedSessionRepository sessions) {
            this.sessions = sessions;
        }

        @Scheduled(fixedDelayString = "${atelier.gateway.session.cleanup-interval:10m}", initialDelayString = "1m")
        void deleteExpired() {
            sessions.cleanUpExpiredSessions();
        }
    }
}
