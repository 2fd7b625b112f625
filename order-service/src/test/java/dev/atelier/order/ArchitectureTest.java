package dev.atelier.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/**
 * The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules and
 * the order service's own: the web layer at the edge (an outgoing HTTP client, such as the cart client, is not the web
 * layer) and the saga free of Spring.
 */
@AnalyzeClasses(packages = "dev.atelier.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.order");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..",
                    "org.springframework.web.servlet..", "org.springframework.web.method..", "..order..web..");

    @ArchTest
    static final ArchRule theSagaIsPure = noClasses()
            .that().haveSimpleNameStartingWith("CheckoutSaga").or().haveSimpleName("SagaState")
            .or().haveSimpleName("Outcome").or().haveSimpleName("Steps")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
            .because("the saga's transitions are pure functions tested without Spring");
}
