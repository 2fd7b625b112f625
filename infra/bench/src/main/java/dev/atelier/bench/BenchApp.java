package dev.atelier.bench;

import dev.atelier.events.EventCatalog;
import dev.atelier.messaging.outbox.Outbox;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A service reduced to its outbox: each transaction writes one business row and its events. */
@SpringBootApplication
class BenchApp {

    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.with(List.of(BenchEvent.class));
    }

    @Component
    static class Writer {

        private final Outbox outbox;
        private final JdbcTemplate jdbc;

        Writer(Outbox outbox, JdbcTemplate jdbc) {
            this.outbox = outbox;
            this.jdbc = jdbc;
        }

        @Transactional
        public void write(List<BenchEvent> events) {
            jdbc.update("INSERT INTO bench_change (run) VALUES (?)", events.getFirst().run());
            events.forEach(outbox::record);
        }
    }
}
