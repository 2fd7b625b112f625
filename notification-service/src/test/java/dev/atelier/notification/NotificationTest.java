package dev.atelier.notification;

import dev.atelier.testing.AtelierTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one test configuration of this module, so that all its test classes share one application context on the
 * embedded Kafka and PostgreSQL, with GreenMail as the SMTP server and the bounce mailbox (IMAP). The sender
 * retries within milliseconds and gives up after four attempts, so that retry stories fit in a test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AtelierTest(classes = NotificationApplication.class, database = "notification",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "atelier.sender.poll-interval=100ms",
                "atelier.sender.initial-backoff=300ms",
                "atelier.sender.max-backoff=600ms",
                "atelier.sender.max-attempts=4",
                "atelier.sender.lease=2s",
                "atelier.sender.housekeeping-interval=300ms",
                "atelier.dev-inbox.enabled=true",
                "atelier.consent.unsubscribe-base-url=https://shop.atelier.test",
                "atelier.sender.return-path=" + TestSmtp.BOUNCE_ADDRESS,
                "atelier.bounces.enabled=true",
                "atelier.bounces.protocol=imap",
                "atelier.bounces.host=127.0.0.1",
                "atelier.bounces.username=" + TestSmtp.BOUNCE_LOGIN,
                "atelier.bounces.password=" + TestSmtp.BOUNCE_PASSWORD,
                "atelier.bounces.poll-interval=300ms",
                "atelier.messaging.inbox.concurrency=2",
                "atelier.messaging.inbox.max-attempts=3",
                "atelier.messaging.inbox.initial-backoff=50ms",
                "management.otlp.metrics.export.enabled=false"})
@Import(TestSmtp.class)
public @interface NotificationTest {
}
