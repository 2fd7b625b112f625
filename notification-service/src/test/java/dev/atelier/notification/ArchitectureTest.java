package dev.atelier.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/**
 * The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules and
 * the notification service's own.
 */
@AnalyzeClasses(packages = "dev.atelier.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.notification");

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer =
            AtelierArchitecture.webAdaptersAtTheEdge("dev.atelier.notification");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule templatesKnowNothingOfSendingOrConsent = noClasses()
            .that().resideInAPackage("..notification.template..")
            .should().dependOnClassesThat().resideInAnyPackage("..notification.email..", "..notification.consent..",
                    "..notification.dispatch..", "jakarta.mail..")
            .because("templates render facts; what is sent, to whom and how is decided elsewhere");

    @ArchTest
    static final ArchRule onlyTheSenderSpeaksSmtp = noClasses()
            .that().resideOutsideOfPackage("..notification.email")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail..");
}
