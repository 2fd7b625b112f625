package dev.atelier.cart;

import dev.atelier.cart.personalisation.client.CatalogProperties;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The edges of the world for tests: catalog's HTTP side (WireMock) and the clock. */
@TestConfiguration(proxyBeanMethods = false)
public class CartTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    /** Generous timeouts: the first call of a JVM on this shared 2-core machine is slow; the breaker test resets. */
    @Bean
    @Primary
    CatalogProperties catalogStubProperties() {
        return new CatalogProperties(CatalogStub.get().baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(5), 50, 10, Duration.ofSeconds(2), 16);
    }
}
