package dev.atelier.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package structure STYLE.md asks for, checked: features without cycles, web adapters at the edge. */
@AnalyzeClasses(packages = "dev.atelier.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.atelier.payment.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("..web..", "..payment.provider..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "dev.atelier.web..",
                    "..payment..web..");

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

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("domain events go through the outbox, consumption through @EventHandler");
}
