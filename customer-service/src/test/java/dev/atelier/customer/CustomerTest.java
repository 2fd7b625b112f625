package dev.atelier.customer;

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
 * embedded Kafka and PostgreSQL. bcrypt runs at its lowest cost here: the tests sign in many times. Google sign-in is
 * on, against {@link GoogleStub}, and the Turnstile bot check against {@link CloudflareStub}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AtelierTest(classes = CustomerApplication.class, database = "customer",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "atelier.passwords.bcrypt-cost=4",
                "atelier.identity.issuer=",
                "atelier.identity.clients[0].client-id=gateway",
                "atelier.identity.clients[0].client-secret=gateway-test-secret",
                "atelier.identity.clients[0].redirect-uris=http://gateway.test/login/oauth2/code/atelier",
                "atelier.admin.email=first.admin@atelier.test",
                "atelier.admin.password=first admin's long password",
                "atelier.admin.totp-secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
                "atelier.messaging.inbox.max-attempts=3",
                "atelier.messaging.inbox.initial-backoff=50ms",
                "management.otlp.metrics.export.enabled=false"})
@ContextConfiguration(initializers = {GoogleStub.Initializer.class, CloudflareStub.Initializer.class})
public @interface CustomerTest {
}
