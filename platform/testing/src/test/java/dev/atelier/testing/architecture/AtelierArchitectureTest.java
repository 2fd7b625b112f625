package dev.atelier.testing.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each shared rule passes a well-built service and fails one that breaks it, naming the offending dependency. */
class AtelierArchitectureTest {

    private static final String FIXTURE = "dev.atelier.testing.architecture.fixture";
    private static final String CLEAN = FIXTURE + ".clean";
    private static final String TANGLED = FIXTURE + ".tangled";
    private static final String PLATFORM = FIXTURE + ".platform";

    private static final JavaClasses clean = new ClassFileImporter().importPackages(CLEAN);
    private static final JavaClasses tangled = new ClassFileImporter().importPackages(TANGLED);

    @Test
    void featuresFreeOfCyclesFindsTheCycle() {
        assertThatCode(() -> AtelierArchitecture.featuresFreeOfCycles(CLEAN).check(clean)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AtelierArchitecture.featuresFreeOfCycles(TANGLED).check(tangled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("tangled.a.A").hasMessageContaining("tangled.b.B");
    }

    @Test
    void webAdaptersAtTheEdgeFindsAFeatureCallingAnAdapter() {
        assertThatCode(() -> AtelierArchitecture.webAdaptersAtTheEdge(CLEAN).check(clean)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AtelierArchitecture.webAdaptersAtTheEdge(TANGLED).check(tangled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tangled.b.B.name()").hasMessageContaining("AController.render");
    }

    @Test
    void webAdaptersAtTheEdgeReservesFurtherPackagesForAdapters() {
        assertThatCode(() -> AtelierArchitecture.webAdaptersAtTheEdge(CLEAN).check(clean)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AtelierArchitecture.webAdaptersAtTheEdge(CLEAN, PLATFORM + "..").check(clean))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("clean.orders.Orders").hasMessageContaining("platform.Api");
    }

    @Test
    void noKafkaInServiceCodeFindsAProducerRecord() {
        assertThatCode(() -> AtelierArchitecture.noKafkaInServiceCode().check(clean)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AtelierArchitecture.noKafkaInServiceCode().check(tangled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.apache.kafka.clients.producer.ProducerRecord");
    }

    @Test
    void onlyTheApiOfAPlatformModuleMayBeUsed() {
        Set<String> api = Set.of(PLATFORM + ".Api");
        assertThatCode(() -> AtelierArchitecture.onlyTheApiOf(PLATFORM, api).check(clean)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AtelierArchitecture.onlyTheApiOf(PLATFORM, api).check(tangled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("platform.internal.Machinery.publishBehindTheOutboxBack");
    }
}
