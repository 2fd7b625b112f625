package dev.atelier.testing;

import dev.atelier.testing.InfrastructureSelection.Infrastructure;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Kafka broker and the one PostgreSQL server of a test JVM, started on first use and stopped when the
 * JVM exits. Every Spring context of the JVM shares them, each with a database of its own. They are embedded, or
 * Testcontainers' modules when a Docker engine is detected or asked for (see {@link InfrastructureSelection}).
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile SharedInfrastructure instance;

    private final Infrastructure kind;
    private final PostgresServer postgres;
    private final KafkaServer kafka;

    private SharedInfrastructure(Infrastructure kind, PostgresServer postgres, KafkaServer kafka) {
        this.kind = kind;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static SharedInfrastructure get() {
        SharedInfrastructure current = instance;
        if (current == null) {
            synchronized (SharedInfrastructure.class) {
                current = instance;
                if (current == null) {
                    current = start(InfrastructureSelection.current());
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

    private static SharedInfrastructure start(Infrastructure kind) {
        String setting = InfrastructureSelection.setting(System::getProperty, System::getenv);
        log.info("Test infrastructure: {} Kafka and PostgreSQL ({}={})", kind, InfrastructureSelection.PROPERTY,
                setting == null ? "auto, the default" : setting);
        return switch (kind) {
            case EMBEDDED -> new SharedInfrastructure(kind, EmbeddedPostgresServer.start(0, null, true),
                    EmbeddedKafkaServer.start(0));
            case TESTCONTAINERS -> new SharedInfrastructure(kind, ContainerPostgresServer.start(),
                    ContainerKafkaServer.start());
        };
    }

    /** Which servers this JVM runs on. */
    public Infrastructure kind() {
        return kind;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
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
