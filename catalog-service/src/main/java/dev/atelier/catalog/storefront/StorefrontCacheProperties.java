package dev.atelier.catalog.storefront;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.storefront-cache}: whether the public product pages, listings, searches and facets are kept rendered,
 * how many bytes of JSON may be kept (the least used answers go first), and how long a shared cache in front of the
 * service (the gateway's, a CDN) may answer them without asking ({@code s-maxage}; 0: it must always ask). That is
 * how stale a shopper's listing can be after a change; the storefront's pages read with the same 5 s.
 */
@ConfigurationProperties("atelier.storefront-cache")
public record StorefrontCacheProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("67108864") long maxBytes,
        @DefaultValue("5s") Duration sharedFor) {

    public StorefrontCacheProperties {
        if (sharedFor.isNegative()) {
            throw new IllegalArgumentException("atelier.storefront-cache.shared-for must not be negative, not "
                    + sharedFor);
        }
    }
}
