package dev.atelier.inventory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.testing.architecture.AtelierArchitecture;

/** The package structure docs/architecture.md ("Code structure") asks for, checked with the platform's shared rules. */
@AnalyzeClasses(packages = "dev.atelier.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles =
            AtelierArchitecture.featuresFreeOfCycles("dev.atelier.inventory");

    @ArchTest
    static final ArchRule onlyWebAdaptersUseTheWebLayer =
            AtelierArchitecture.webAdaptersAtTheEdge("dev.atelier.inventory");

    @ArchTest
    static final ArchRule nobodyCallsKafkaDirectly = AtelierArchitecture.noKafkaInServiceCode();

    @ArchTest
    static final ArchRule eventsOnlyThroughTheOutbox = AtelierArchitecture.eventsOnlyThroughTheOutbox();
}
