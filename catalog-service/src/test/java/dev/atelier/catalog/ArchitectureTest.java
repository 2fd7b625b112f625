package dev.atelier.catalog;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.messaging.inbox.EventHandler;
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
    static final ArchRule eventHandlersDeclareWhatTheStorefrontForgets = classes()
            .that().containAnyMethodsThat(annotatedWith(EventHandler.class))
            .should().dependOnClassesThat().areAssignableTo(RenderedReads.class)
            .because("a handler's transaction forgets only the kept storefront answers its handlers declare "
                    + "(RenderedReads.stockChanged, sold, noneShown, anythingMayChange): a handler that declares "
                    + "nothing would let another's narrow declaration keep answers its writes changed");

    @ArchTest
    static final ArchRule entitiesKnowNoSpring = noClasses()
            .that().areAnnotatedWith(jakarta.persistence.Entity.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("aggregates guard their state in plain Java; services and adapters bring Spring");
}
