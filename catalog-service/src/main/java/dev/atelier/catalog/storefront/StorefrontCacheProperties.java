package dev.atelier.catalog.storefront;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.storefront-cache}: whether the public product pages, listings, searches and facets are kept rendered,
 * and how many bytes of JSON may be kept (the least used answers go first).
 */
@ConfigurationProperties("atelier.storefront-cache")
public record StorefrontCacheProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("67108864") long maxBytes) {
}
