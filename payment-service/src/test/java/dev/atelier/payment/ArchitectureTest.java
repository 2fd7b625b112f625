package dev.atelier.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/**
 * The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules and
 * the payment service's own.
 */
@AnalyzeClasses(packages = "dev.atelier.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.payment");

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer =
            AtelierArchitecture.webAdaptersAtTheEdge("dev.atelier.payment", "dev.atelier.web..");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule providersKnowNothingOfPaymentsOrWebhooks = noClasses()
            .that().resideInAPackage("..payment.provider..")
            .should().dependOnClassesThat().resideInAnyPackage("..payment.checkout..", "..payment.webhook..",
                    "..payment.sandbox..");
}
