package dev.atelier.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * Which servers a test JVM runs on, from {@value #PROPERTY} (a system property, or the environment variable
 * {@value #ENVIRONMENT}): {@code auto} (the default) takes Testcontainers' Kafka and PostgreSQL when a Docker engine
 * is detected and the embedded servers otherwise, {@code testcontainers} insists on containers, {@code embedded}
 * never asks Docker.
 */
public final class InfrastructureSelection {

    /** The system property that chooses. */
    public static final String PROPERTY = "atelier.testing.infrastructure";
    /** The environment variable that chooses when the system property is not set. */
    public static final String ENVIRONMENT = "ATELIER_TESTING_INFRASTRUCTURE";

    /** The servers a test JVM runs on. */
    public enum Infrastructure {
        /** zonky's PostgreSQL and spring-kafka-test's KRaft broker, in and beside the test JVM. */
        EMBEDDED,
        /** Testcontainers' PostgreSQL and Kafka modules, on images pinned to production's versions. */
        TESTCONTAINERS
    }

    private InfrastructureSelection() {
    }

    /**
     * The decision.
     *
     * @param setting {@code auto}, {@code embedded} or {@code testcontainers} (any case); null or blank is {@code auto}
     * @param dockerDetected asked only for {@code auto} and {@code testcontainers}
     * @throws IllegalStateException when containers are asked for and no Docker engine is detected
     * @throws IllegalArgumentException for any other setting
     */
    public static Infrastructure decide(@Nullable String setting, BooleanSupplier dockerDetected) {
        String chosen = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "embedded" -> Infrastructure.EMBEDDED;
            case "auto" -> dockerDetected.getAsBoolean() ? Infrastructure.TESTCONTAINERS : Infrastructure.EMBEDDED;
            case "testcontainers" -> {
                if (!dockerDetected.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=testcontainers, but no Docker engine was detected "
                            + "(DOCKER_HOST, /var/run/docker.sock or ~/.testcontainers.properties): start Docker, or "
                            + "set " + PROPERTY + "=auto or embedded to run on the embedded Kafka and PostgreSQL");
                }
                yield Infrastructure.TESTCONTAINERS;
            }
            default -> throw new IllegalArgumentException(PROPERTY + "=" + setting + " is not one of auto, embedded, "
                    + "testcontainers");
        };
    }

    /** The decision for this JVM, from its system properties and environment and the Docker engine it can reach. */
    static Infrastructure current() {
        return decide(setting(System::getProperty, System::getenv), InfrastructureSelection::dockerDetected);
    }

    /** The setting: the system property, else the environment variable, else null ({@code auto}). */
    static @Nullable String setting(Function<String, @Nullable String> systemProperties,
            Function<String, @Nullable String> environment) {
        String property = systemProperties.apply(PROPERTY);
        return property != null ? property : environment.apply(ENVIRONMENT);
    }

    /**
     * Whether Testcontainers finds a Docker engine. It is asked only when there is a hint of one (DOCKER_HOST, a
     * Docker socket, a Testcontainers configuration file), so that a machine without Docker is told at once and
     * without Testcontainers' complaints in the log.
     */
    static boolean dockerDetected() {
        String home = System.getProperty("user.home", "");
        boolean hinted = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
        if (!hinted) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
