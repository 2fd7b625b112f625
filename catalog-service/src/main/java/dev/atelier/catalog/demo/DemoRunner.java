package dev.atelier.catalog.demo;

import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the demo seeding once this instance is ready ({@code atelier.demo.seed}, on in the {@code local} profile of
 * {@code ./atelier up}), in the background: the demo admin signs in at customer-service, then the seeder calls this
 * service's own admin API over HTTP with that token and waits for inventory-service, which the launcher may start
 * after this one.
 */
@Component
@ConditionalOnBooleanProperty("atelier.demo.seed")
class DemoRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final DemoProperties properties;

    DemoRunner(DemoProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8081");
        DemoProperties.SignIn signIn = properties.signIn();
        if (signIn.email().isBlank() || signIn.password().isBlank() || signIn.totpSecret().isBlank()
                || signIn.clientSecret().isBlank()) {
            log.warn("Demo catalogue not seeded: atelier.demo.sign-in needs the demo admin's e-mail, password and "
                    + "TOTP secret and the seeder client's secret, since the admin APIs need a staff token");
            return;
        }
        DemoSeeder seeder = new DemoSeeder(URI.create("http://localhost:" + port), properties.inventoryUrl(),
                properties.inventoryWait(), new StaffSignIn(signIn, Clock.systemUTC()), new DemoImages(),
                DemoCatalogue.products());
        Thread.ofVirtual().name("demo-seed").start(() -> {
            try {
                seeder.run();
            } catch (RuntimeException e) {
                log.error("Demo catalogue not seeded: {}", e.getMessage(), e);
            }
        });
    }
}
