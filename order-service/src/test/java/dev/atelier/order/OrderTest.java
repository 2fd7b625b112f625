package dev.atelier.order;

import dev.atelier.testing.AtelierTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one test configuration of this module, so that all its test classes share one application context on the
 * embedded Kafka and PostgreSQL. cart-service is played by WireMock ({@link CartStub}); the clock is a
 * {@link TestClock} the tests move; the timeout job and the order streams' poll do not run by themselves (tests call
 * them), so a stream that shows a change shows this replica's push.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CartStub.Extension.class)
@AtelierTest(classes = {OrderApplication.class, TestClock.Configuration.class}, database = "orders",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "atelier.checkout.cart-url=http://localhost:${atelier.test.cart-stub-port}",
                "atelier.checkout.cart-timeout=15s",
                "atelier.checkout.watch-interval=1h",
                "atelier.saga.timeout-sweep-interval=1h",
                "atelier.privacy.erasure-sweep-interval=1h",
                "atelier.messaging.inbox.concurrency=2",
                "atelier.messaging.inbox.max-attempts=3",
                "atelier.messaging.inbox.initial-backoff=50ms",
                "management.otlp.metrics.export.enabled=false"})
public @interface OrderTest {
}
