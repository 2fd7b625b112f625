package dev.atelier.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package structure STYLE.md asks for, checked: features without cycles, web adapters at the edge. */
@AnalyzeClasses(packages = "dev.atelier.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.atelier.notification.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "..notification..web..");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("domain events go through the outbox, consumption through @EventHandler");

    @ArchTest
    static final ArchRule templatesKnowNothingOfSendingOrConsent = noClasses()
            .that().resideInAPackage("..notification.template..")
            .should().dependOnClassesThat().resideInAnyPackage("..notification.email..", "..notification.consent..",
                    "..notification.dispatch..", "jakarta.mail..")
            .because("templates render facts; what is sent, to whom and how is decided elsewhere");

    @ArchTest
    static final ArchRule onlyTheSenderAndTheBounceReaderSpeakMailProtocols = noClasses()
            .that().resideOutsideOfPackages("..notification.email", "..notification.bounce")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail..",
                    "org.eclipse.angus..");
}
