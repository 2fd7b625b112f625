package dev.atelier.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventType;
import dev.atelier.events.Topics;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event of order.order is either handled or knowingly ignored: none is dead-lettered for want of a handler. */
class PaymentHandlersTest {

    @Test
    void everyOrderEventIsHandledOrIgnored() {
        Set<Class<?>> covered = new HashSet<>(Arrays.asList(PaymentHandlers.class.getAnnotation(IgnoredEvents.class).value()));
        Arrays.stream(PaymentHandlers.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(EventHandler.class))
                .forEach(m -> covered.add(m.getParameterTypes()[0]));
        List<Class<?>> orderEvents = EventCatalog.standard().types().stream()
                .filter(t -> t.topic().equals(Topics.ORDER_ORDER)).<Class<?>>map(EventType::javaType).toList();
        assertThat(covered).containsAll(orderEvents);
    }
}
