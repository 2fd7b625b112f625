package dev.atelier.cart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/**
 * The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules and
 * the cart's own: its adapters are web controllers and outgoing HTTP clients ({@code ..client..}), and the pricing
 * engine is plain Java.
 */
@AnalyzeClasses(packages = "dev.atelier.cart", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.cart");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule onlyAdaptersUseTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("..web..", "..client..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "..cart..web..",
                    "..cart..client..");

    @ArchTest
    static final ArchRule thePricingEngineIsPlainJava = noClasses()
            .that().resideInAPackage("dev.atelier.cart.pricing")
            .and().haveSimpleNameNotEndingWith("Configuration").and().haveSimpleNameNotEndingWith("Properties")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..")
            .because("the same engine prices the cart, the checkout and the recovery mails, and is tested alone");
}
