package dev.atelier.messaging.inbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that applies one event contract, e.g. {@code void on(OrderPlaced event)} or
 * {@code void on(OrderPlaced event, EventMetadata metadata)}. It runs in one transaction with the inbox row
 * that marks the event as applied, so it runs once per event however often Kafka delivers it. The service
 * subscribes to the topics of the events it handles.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventHandler {
}
