package dev.atelier.customer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/**
 * The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules and
 * the customer service's own.
 */
@AnalyzeClasses(packages = "dev.atelier.customer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.customer");

    /** platform/web's HTTP parts are the adapters'; its one-time codes (dev.atelier.web.totp) are the totp feature's. */
    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer =
            AtelierArchitecture.webAdaptersAtTheEdge("dev.atelier.customer", "dev.atelier.web", "dev.atelier.web.security..");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();

    @ArchTest
    static final ArchRule accountsKnowNothingOfSignInOrTokens = noClasses()
            .that().resideInAPackage("dev.atelier.customer.account")
            .should().dependOnClassesThat().resideInAnyPackage("..customer.signin..", "..customer.authserver..",
                    "org.springframework.security.oauth2..");
}
