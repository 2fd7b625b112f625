package dev.atelier.messaging.it.consumer;

import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.messaging.it.TestEvents.Ping;
import dev.atelier.messaging.it.TestEvents.Poison;
import dev.atelier.messaging.it.TestEvents.Skipped;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The consumer's effect: one row per applied Ping; can be told to fail once after writing it. */
@Component
@IgnoredEvents(Skipped.class)
public class PingEffects {

    private final JdbcTemplate jdbc;
    private final Tracer tracer;
    private final Set<UUID> failOnceAfterEffect = ConcurrentHashMap.newKeySet();
    private final AtomicInteger poisonAttempts = new AtomicInteger();
    private final Set<String> brokenRuns = ConcurrentHashMap.newKeySet();

    PingEffects(JdbcTemplate jdbc, Tracer tracer) {
        this.jdbc = jdbc;
        this.tracer = tracer;
    }

    @EventHandler
    void on(Ping ping, EventMetadata metadata) {
        if (brokenRuns.contains(ping.run())) {
            throw new IllegalStateException("the handler of run " + ping.run() + " is broken");
        }
        Span span = tracer.currentSpan();
        jdbc.update("INSERT INTO ping_effect (event_id, ping_id, ping_key, seq, run, trace_id) VALUES (?, ?, ?, ?, ?, ?)",
                metadata.eventId(), ping.id(), ping.key(), ping.seq(), ping.run(),
                span == null ? null : span.context().traceId());
        if (failOnceAfterEffect.remove(ping.id())) {
            throw new IllegalStateException("failing after the effect of " + ping.id());
        }
    }

    @EventHandler
    void on(Poison poison) {
        poisonAttempts.incrementAndGet();
        throw new IllegalArgumentException("poison " + poison.id() + " can never be applied");
    }

    public void failOnceAfterEffect(UUID pingId) {
        failOnceAfterEffect.add(pingId);
    }

    /** Until {@link #fix}, every Ping of the run fails, as a bug would make it. */
    public void breakRun(String run) {
        brokenRuns.add(run);
    }

    public void fix(String run) {
        brokenRuns.remove(run);
    }

    public int poisonAttempts() {
        return poisonAttempts.get();
    }
}
