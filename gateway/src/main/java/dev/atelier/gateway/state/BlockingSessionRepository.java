package dev.atelier.gateway.state;

import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Spring Session's JDBC repository (blocking) offered to WebFlux as a reactive one: every call that reaches the
 * database runs on {@code scheduler} (bounded, for blocking work), never on an event-loop thread. Creating a
 * session touches nothing: it is written at the end of the request that started it.
 */
final class BlockingSessionRepository implements ReactiveSessionRepository<Session> {

    private final SessionRepository<Session> sessions;
    private final Scheduler scheduler;

    @SuppressWarnings({"unchecked", "rawtypes"})
    BlockingSessionRepository(SessionRepository<? extends Session> sessions, Scheduler scheduler) {
        // the JDBC repository's session type is package-private; every session it hands out is one it accepts back
        this.sessions = (SessionRepository) sessions;
        this.scheduler = scheduler;
    }

    @Override
    public Mono<Session> createSession() {
        return Mono.fromSupplier(sessions::createSession);
    }

    @Override
    public Mono<Void> save(Session session) {
        return Mono.<Void>fromRunnable(() -> sessions.save(session)).subscribeOn(scheduler);
    }

    @Override
    public Mono<Session> findById(String id) {
        return Mono.fromCallable(() -> sessions.findById(id)).subscribeOn(scheduler);
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return Mono.<Void>fromRunnable(() -> sessions.deleteById(id)).subscribeOn(scheduler);
    }
}
