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
    static final ArchRule onlyWebAdaptersUseTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("..web..", "..payment.provider..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "dev.atelier.web..",
                    "..payment..web..")
            .because("HTTP is an adapter; providers are the one exception, as outbound HTTP clients (rule below)");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule providersUseOnlyTheHttpClientSideOfTheWebLayer = noClasses()
            .that().resideInAPackage("..payment.provider..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..",
                    "org.springframework.web.servlet..", "org.springframework.web.method..", "dev.atelier.web..",
                    "..payment..web..")
            .because("a provider is an outbound HTTP client (RestClient), never an inbound adapter");

    @ArchTest
    static final ArchRule providersKnowNothingOfPaymentsOrWebhooks = noClasses()
            .that().resideInAPackage("..payment.provider..")
            .should().dependOnClassesThat().resideInAnyPackage("..payment.checkout..", "..payment.webhook..",
                    "..payment.sandbox..");
}
