package dev.atelier.testing.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest service: a datasource and Kafka settings, to show what {@code @AtelierTest} wires. */
@SpringBootApplication
public class TinyApp {
}
