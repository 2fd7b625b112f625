package dev.atelier.payment;

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
 * embedded Kafka and PostgreSQL. Cards go to Stripe (the real stripe-java client against {@link StripeStub}'s
 * WireMock), bank payments to Tink (the real RestClient against {@link TinkStub}'s WireMock), and the tests' own
 * method {@code sandbox} to the sandbox. The sweep job is off; tests call it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AtelierTest(classes = PaymentApplication.class, database = "payment",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "atelier.payment.sweep-interval=1h",
                "atelier.payment.storefront-url=https://shop.example",
                "atelier.payment.store-name=Hannah's Workshop",
                "atelier.payment.stripe.api-key=sk_test_atelier",
                "atelier.payment.stripe.webhook-secret=" + StripeStub.WEBHOOK_SECRET,
                "atelier.payment.stripe.read-timeout=3s",
                "atelier.payment.stripe.connect-timeout=3s",
                "atelier.payment.sandbox.public-url=http://shop.example",
                "atelier.payment.methods.sandbox=sandbox",
                "atelier.payment.tink.client-id=atelier-test-client",
                "atelier.payment.tink.client-secret=atelier-test-secret",
                "atelier.payment.tink.webhook-secret=" + TinkStub.WEBHOOK_SECRET,
                "atelier.payment.tink.sort-code=04-00-04",
                "atelier.payment.tink.account-number=12345678",
                "atelier.payment.tink.read-timeout=3s",
                "atelier.payment.tink.connect-timeout=3s",
                "atelier.payment.tink.status-check-interval=200ms",
                "resilience4j.retry.instances.tink.max-attempts=4",
                "resilience4j.retry.instances.tink.wait-duration=50ms",
                "resilience4j.retry.instances.stripe.max-attempts=4",
                "resilience4j.retry.instances.stripe.wait-duration=50ms",
                "atelier.messaging.inbox.concurrency=2",
                "atelier.messaging.inbox.max-attempts=3",
                "atelier.messaging.inbox.initial-backoff=50ms",
                "management.otlp.metrics.export.enabled=false"})
@ContextConfiguration(initializers = {StripeStub.Initializer.class, TinkStub.Initializer.class})
public @interface PaymentTest {
}
