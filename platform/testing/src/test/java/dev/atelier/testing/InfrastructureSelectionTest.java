package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.testing.InfrastructureSelection.Infrastructure;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which servers a test JVM runs on: every setting against a Docker engine detected or not. */
class InfrastructureSelectionTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @ParameterizedTest(name = "{0} with Docker {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "null,           true,  TESTCONTAINERS",
            "null,           false, EMBEDDED",
            "'',             true,  TESTCONTAINERS",
            "auto,           true,  TESTCONTAINERS",
            "auto,           false, EMBEDDED",
            "AUTO,           false, EMBEDDED",
            "embedded,       true,  EMBEDDED",
            "embedded,       false, EMBEDDED",
            "testcontainers, true,  TESTCONTAINERS",
            "' Testcontainers ', true, TESTCONTAINERS"})
    void decides(String setting, boolean dockerDetected, Infrastructure expected) {
        assertThat(InfrastructureSelection.decide(setting, () -> dockerDetected)).isEqualTo(expected);
    }

    @Test
    void forcingTestcontainersWithoutDockerFailsWithWhatToDo() {
        assertThatThrownBy(() -> InfrastructureSelection.decide("testcontainers", NO_DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("atelier.testing.infrastructure=testcontainers")
                .hasMessageContaining("no Docker engine was detected")
                .hasMessageContaining("embedded");
    }

    @Test
    void refusesAnUnknownSetting() {
        assertThatThrownBy(() -> InfrastructureSelection.decide("docker", DOCKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atelier.testing.infrastructure=docker is not one of auto, embedded, testcontainers");
    }

    @Test
    void embeddedNeverAsksForDocker() {
        AtomicInteger asked = new AtomicInteger();
        InfrastructureSelection.decide("embedded", () -> asked.incrementAndGet() > 0);
        assertThat(asked).hasValue(0);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        Map<String, String> properties = Map.of(InfrastructureSelection.PROPERTY, "embedded");
        Map<String, String> environment = Map.of(InfrastructureSelection.ENVIRONMENT, "testcontainers");

        assertThat(InfrastructureSelection.setting(properties::get, environment::get)).isEqualTo("embedded");
        assertThat(InfrastructureSelection.setting(Map.<String, String>of()::get, environment::get))
                .isEqualTo("testcontainers");
        assertThat(InfrastructureSelection.setting(Map.<String, String>of()::get, Map.<String, String>of()::get))
                .isNull();
    }

    @Test
    void thisJvmRunsOnWhatTheSelectionDecides() {
        Infrastructure expected = InfrastructureSelection.decide(
                InfrastructureSelection.setting(System::getProperty, System::getenv),
                InfrastructureSelection::dockerDetected);

        assertThat(SharedInfrastructure.get().kind()).isEqualTo(expected);
        assertThat(SharedInfrastructure.get().postgres()).isInstanceOf(expected == Infrastructure.EMBEDDED
                ? EmbeddedPostgresServer.class : ContainerPostgresServer.class);
        assertThat(SharedInfrastructure.get().kafka()).isInstanceOf(expected == Infrastructure.EMBEDDED
                ? EmbeddedKafkaServer.class : ContainerKafkaServer.class);
    }
}
