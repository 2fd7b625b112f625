package dev.atelier.cart;

import dev.atelier.testing.AtelierTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one test configuration of this module, so that all its test classes share one application context on the
 * embedded Kafka and PostgreSQL, with catalog's HTTP validation played by WireMock and a clock the tests move.
 * The scheduled jobs are off; the tests run them when they mean to.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AtelierTest(classes = {CartApplication.class, CartTestConfiguration.class}, database = "cart",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "atelier.cart.sweep-interval=1h",
                "atelier.cart.secure-cookie=false",
                "atelier.abandonment.sweep-interval=1h",
                "atelier.messaging.inbox.concurrency=4",
                "atelier.messaging.inbox.max-attempts=3",
                "atelier.messaging.inbox.initial-backoff=50ms",
                "management.otlp.metrics.export.enabled=false"})
public @interface CartTest {
}
