package dev.atelier.gateway.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code atelier.gateway.response-cache.*}: the gateway's shared cache of answers its services declare public
 * ({@link ResponseCache}).
 *
 * @param enabled whether answers are kept at all
 * @param maxSize how many bytes of answers one gateway replica keeps (the least used go first)
 * @param maxEntrySize the largest answer kept; a bigger one always goes to its service
 * @param maxAge the longest an answer is kept, whatever its service allows
 */
@ConfigurationProperties("atelier.gateway.response-cache")
public record ResponseCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("32MB") DataSize maxSize,
        @DefaultValue("256KB") DataSize maxEntrySize,
        @DefaultValue("1m") Duration maxAge) {

    public ResponseCacheProperties {
        if (maxSize.isNegative() || maxEntrySize.isNegative() || maxAge.isNegative()) {
            throw new IllegalArgumentException("atelier.gateway.response-cache: max-size, max-entry-size and max-age"
                    + " must not be negative, not " + maxSize + ", " + maxEntrySize + ", " + maxAge);
        }
    }
}
