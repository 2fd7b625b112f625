package dev.atelier.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The structure rules every service checks (docs/architecture.md, "Code structure"), in one place: a service's
 * ArchitectureTest declares {@code @ArchTest static final ArchRule … = AtelierArchitecture.…(…)} for each, and adds
 * rules of its own beside them.
 */
public final class AtelierArchitecture {

    /**
     * What a service may use of {@code platform/messaging}: the outbox to publish, the handler annotations and what
     * a handler receives or throws to consume, the batch-locking hook, and the event ids.
     */
    static final Set<String> MESSAGING_API = Set.of(
            "dev.atelier.messaging.outbox.Outbox",
            "dev.atelier.messaging.outbox.EventIds",
            "dev.atelier.messaging.inbox.EventHandler",
            "dev.atelier.messaging.inbox.IgnoredEvents",
            "dev.atelier.messaging.inbox.EventMetadata",
            "dev.atelier.messaging.inbox.UndeliverableEventException",
            "dev.atelier.messaging.inbox.BatchLocking");

    private AtelierArchitecture() {
    }

    /** Features ({@code <servicePackage>.<feature>..}) do not depend on each other in circles. */
    public static ArchRule featuresFreeOfCycles(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles()
                .because("a feature can be understood, tested and moved without the features that use it");
    }

    /**
     * Only web adapters ({@code ..web..}) use Spring MVC or another feature's web adapters.
     *
     * @param alsoOnlyForAdapters further packages only web adapters may use, e.g. {@code dev.atelier.web..} for a
     *        service whose features throw plain exceptions that its adapters translate
     */
    public static ArchRule webAdaptersAtTheEdge(String servicePackage, String... alsoOnlyForAdapters) {
        List<String> reserved = new ArrayList<>(List.of("org.springframework.web..", servicePackage + "..web.."));
        reserved.addAll(List.of(alsoOnlyForAdapters));
        return noClasses().that().resideOutsideOfPackages("..web..")
                .should().dependOnClassesThat().resideInAnyPackage(reserved.toArray(String[]::new))
                .because("HTTP is an adapter: the features know nothing of requests, responses or each other's APIs");
    }

    /** No service code talks to Kafka: events go out through the outbox and come in through {@code @EventHandler}. */
    public static ArchRule noKafkaInServiceCode() {
        return noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .because("domain events go through the outbox, consumption through @EventHandler");
    }

    /**
     * Service code uses {@code platform/messaging} only through its API ({@code Outbox}, {@code @EventHandler},
     * {@code @IgnoredEvents}, {@code EventMetadata}, …), never its relay, inbox machinery or dead-letter tools: an
     * event leaves only through {@code Outbox.record} in the business transaction.
     */
    public static ArchRule eventsOnlyThroughTheOutbox() {
        return onlyTheApiOf("dev.atelier.messaging", MESSAGING_API)
                .because("an event leaves only through Outbox.record, in the transaction that made the change");
    }

    /** No class outside {@code platformPackage} uses a class of it that is not in {@code api}. */
    static ArchRule onlyTheApiOf(String platformPackage, Set<String> api) {
        DescribedPredicate<JavaClass> internals = DescribedPredicate.describe(
                "are internals of " + platformPackage + " (anything but " + api.stream().sorted().toList() + ")",
                type -> isIn(type, platformPackage) && !api.contains(type.getName())
                        && !api.contains(outermost(type).getName()));
        return noClasses().that().resideOutsideOfPackage(platformPackage + "..")
                .should().dependOnClassesThat(internals);
    }

    private static boolean isIn(JavaClass type, String packageName) {
        return type.getPackageName().equals(packageName) || type.getPackageName().startsWith(packageName + ".");
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
