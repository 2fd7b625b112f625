package dev.atelier.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/**
 * The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules and
 * the catalog's own.
 */
@AnalyzeClasses(packages = "dev.atelier.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.catalog");

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer =
            AtelierArchitecture.webAdaptersAtTheEdge("dev.atelier.catalog");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule entitiesKnowNoSpring = noClasses()
            .that().areAnnotatedWith(jakarta.persistence.Entity.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("aggregates guard their state in plain Java; services and adapters bring Spring");
}
