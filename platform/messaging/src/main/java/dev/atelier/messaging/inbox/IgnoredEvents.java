package dev.atelier.messaging.inbox;

import dev.atelier.events.DomainEvent;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a bean with {@link EventHandler} methods, the events of its topics that the service knowingly
 * does not act on. Any other event without a handler is dead-lettered, never dropped silently.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IgnoredEvents {

    Class<? extends DomainEvent>[] value();
}
