package dev.atelier.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Kafka broker and the one PostgreSQL server of a test JVM, started on first use and stopped when the
 * JVM exits. Every Spring context of the JVM shares them, each with a database of its own.
 */
public final class SharedInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile SharedInfrastructure instance;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaServer kafka;

    private SharedInfrastructure(EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static SharedInfrastructure get() {
        SharedInfrastructure current = instance;
        if (current == null) {
            synchronized (SharedInfrastructure.class) {
                current = instance;
                if (current == null) {
                    current = new SharedInfrastructure(EmbeddedPostgresServer.start(0, null, true), EmbeddedKafkaServer.start(0));
                    SharedInfrastructure started = current;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        started.kafka.close();
                        started.postgres.close();
                    }, "atelier-test-infrastructure-shutdown"));
                    instance = current;
                }
            }
        }
        return current;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaServer kafka() {
        return kafka;
    }

    /** The Spring Boot properties that point an application at a database of this server and at this broker. */
    public Map<String, Object> springProperties(String jdbcUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        return properties;
    }

    /** Creates a database no other context uses, named after {@code prefix}, and returns its JDBC URL. */
    public String freshDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        postgres.createDatabase(name);
        return postgres.jdbcUrl(name);
    }
}
