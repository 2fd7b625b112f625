package dev.atelier.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventType;
import dev.atelier.events.Topics;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event of each topic this service consumes is handled or knowingly ignored by one of its handler classes
 * (checkout, gift cards, data requests): none is dead-lettered for want of a handler.
 */
class EventCoverageTest {

    @ParameterizedTest
    @ValueSource(strings = {Topics.ORDER_ORDER, Topics.CUSTOMER_CUSTOMER})
    void everyEventOfAConsumedTopicIsHandledOrIgnored(String topic) {
        Set<Class<?>> covered = new HashSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.atelier.payment")) {
            Class<?> handler = type.reflect();
            IgnoredEvents ignored = handler.getAnnotation(IgnoredEvents.class);
            if (ignored != null) {
                covered.addAll(Arrays.asList(ignored.value()));
            }
            Arrays.stream(handler.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(EventHandler.class))
                    .forEach(m -> covered.add(m.getParameterTypes()[0]));
        }
        List<Class<?>> events = EventCatalog.standard().types().stream()
                .filter(t -> t.topic().equals(topic)).<Class<?>>map(EventType::javaType).toList();
        assertThat(events).isNotEmpty();
        assertThat(covered).containsAll(events);
    }
}
