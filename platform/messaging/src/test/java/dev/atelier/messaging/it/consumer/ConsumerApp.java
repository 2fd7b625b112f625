package dev.atelier.messaging.it.consumer;

import dev.atelier.events.EventCatalog;
import dev.atelier.messaging.it.TestEvents;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service that applies Ping events idempotently through the inbox. */
@SpringBootApplication
public class ConsumerApp {

    @Bean
    EventCatalog eventCatalog() {
        return TestEvents.catalog();
    }
}
