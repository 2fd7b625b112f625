package dev.atelier.catalog;

import dev.atelier.testing.AtelierTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one test configuration of this module, so that all its test classes share one application context on the
 * embedded Kafka and PostgreSQL, and on an S3-compatible server in the same JVM for the images ({@link S3StandIn}; the
 * local default, files, is covered by {@code FileSystemMediaStoreTest}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AtelierTest(classes = CatalogApplication.class, database = "catalog",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "atelier.messaging.inbox.max-attempts=3",
                "atelier.messaging.inbox.initial-backoff=50ms",
                "atelier.media.directory=target/test-media",
                "atelier.media.shopper-uploads-per-minute=5",
                "management.otlp.metrics.export.enabled=false"})
@ContextConfiguration(initializers = S3StandIn.class)
public @interface CatalogTest {
}
