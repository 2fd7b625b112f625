package dev.atelier.catalog.feed;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code atelier.storefront}: the shop's public address and name, for links that leave the platform. */
@ConfigurationProperties("atelier.storefront")
public record StorefrontProperties(@DefaultValue("http://localhost:8080") URI baseUrl,
        @DefaultValue("Atelier") String name) {
}
