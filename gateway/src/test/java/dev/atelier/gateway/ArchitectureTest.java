package dev.atelier.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The gateway's structure: the edge and the storefront's pages apart, no cycles, no service's database. */
@AnalyzeClasses(packages = "dev.atelier.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule partsDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.atelier.gateway.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theEdgeKnowsNothingOfThePages = noClasses()
            .that().resideInAPackage("..gateway.edge..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.storefront..");

    @ArchTest
    static final ArchRule noDatabaseAccess = noClasses()
            .that().resideOutsideOfPackage("..gateway.state..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.springframework.jdbc..",
                    "org.springframework.session.jdbc..")
            .because("the gateway calls the services' APIs, never their databases; its own database holds only "
                    + "the sessions");
}
