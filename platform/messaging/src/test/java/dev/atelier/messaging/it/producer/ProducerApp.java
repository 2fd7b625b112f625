package dev.atelier.messaging.it.producer;

import dev.atelier.events.EventCatalog;
import dev.atelier.messaging.it.TestEvents;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service that records events in its outbox; also run alone in a child JVM as a relay to kill. */
@SpringBootApplication
public class ProducerApp {

    @Bean
    EventCatalog eventCatalog() {
        return TestEvents.catalog();
    }

    public static void main(String[] args) {
        SpringApplication.run(ProducerApp.class, args);
    }
}
