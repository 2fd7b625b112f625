package dev.atelier.catalog.demo;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.demo}: whether this instance fills an empty store with the demo catalogue (the {@code local}
 * profile of {@code ./atelier up} turns it on), where inventory's admin API is, and how long to wait for it.
 */
@ConfigurationProperties("atelier.demo")
record DemoProperties(@DefaultValue("false") boolean seed,
        @DefaultValue("http://localhost:8083") URI inventoryUrl,
        @DefaultValue("5m") Duration inventoryWait) {
}
