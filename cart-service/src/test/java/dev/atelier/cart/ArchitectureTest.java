package dev.atelier.cart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package structure STYLE.md asks for, checked: features without cycles, HTTP only at the edges. */
@AnalyzeClasses(packages = "dev.atelier.cart", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.atelier.cart.(*)..")
            .should().beFreeOfCycles();

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

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("domain events go through the outbox, consumption through @EventHandler");
}
