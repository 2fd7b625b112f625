package dev.atelier.messaging.outbox;

import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventHeaders;
import dev.atelier.messaging.config.MessagingAutoConfiguration;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

/** Gives the service its {@link Outbox}, written with the service's datasource in the caller's transaction. */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Outbox.class)
    Outbox outbox(DataSource dataSource, EventCatalog catalog, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new JdbcOutbox(new JdbcTemplate(dataSource), catalog, traceparentOf(tracer, propagator));
    }

    /**
     * The W3C traceparent of the current span, or null when there is no tracing or no span. The tracer and the
     * propagator are looked up once they exist, not per event: the look-up was 6 % of a busy service's CPU.
     */
    static Supplier<@Nullable String> traceparentOf(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        SingletonSupplier<Tracer> tracerOnce = SingletonSupplier.of(tracers::getIfAvailable);
        SingletonSupplier<Propagator> propagatorOnce = SingletonSupplier.of(propagators::getIfAvailable);
        return () -> {
            Tracer tracer = tracerOnce.get();
            Propagator propagator = propagatorOnce.get();
            if (tracer == null || propagator == null) {
                return null;
            }
            Span span = tracer.currentSpan();
            if (span == null) {
                return null;
            }
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            return carrier.get(EventHeaders.TRACEPARENT);
        };
    }
}
