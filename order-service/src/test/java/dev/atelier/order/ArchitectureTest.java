package dev.atelier.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure STYLE.md asks for, checked: features without cycles, the web layer at the edge (an outgoing
 * HTTP client, such as the cart client, is not the web layer), Kafka only behind the platform's outbox and inbox,
 * and the saga free of Spring.
 */
@AnalyzeClasses(packages = "dev.atelier.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.atelier.order.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer = noClasses()
            .that().resideOutsideOfPackages("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..",
                    "org.springframework.web.servlet..", "org.springframework.web.method..", "..order..web..");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("domain events go through the outbox, consumption through @EventHandler");

    @ArchTest
    static final ArchRule theSagaIsPure = noClasses()
            .that().haveSimpleNameStartingWith("CheckoutSaga").or().haveSimpleName("SagaState")
            .or().haveSimpleName("Outcome").or().haveSimpleName("Steps")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
            .because("the saga's transitions are pure functions tested without Spring");
}
