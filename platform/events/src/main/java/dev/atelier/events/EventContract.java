package dev.atelier.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a released event contract: its logical name (the {@code eventType} header, never a
 * class name), its wire version and the topic it travels on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventContract {

    String name();

    int version() default 1;

    String topic();
}
