package dev.atelier.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure rules every service checks (docs/architecture.md, "packages by feature"), in one place: a service's
 * ArchitectureTest declares {@code @ArchTest static final ArchRule … = AtelierArchitecture.…(…)}.
 */
public final class AtelierArchitecture {

    private AtelierArchitecture() {
    }

    /** Features ({@code <servicePackage>.<feature>..}) do not depend on each other in circles. */
    public static ArchRule featuresFreeOfCycles(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles();
    }

    /** Only web adapters ({@code ..web..}) use Spring MVC or another feature's web adapters. */
    public static ArchRule webAdaptersAtTheEdge(String servicePackage) {
        return noClasses().that().resideOutsideOfPackages("..web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", servicePackage + "..web..");
    }

    /** No service code talks to Kafka: events go out through the outbox and come in through {@code @EventHandler}. */
    public static ArchRule noKafkaInServiceCode() {
        return noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .because("domain events go through the outbox, consumption through @EventHandler");
    }
}
