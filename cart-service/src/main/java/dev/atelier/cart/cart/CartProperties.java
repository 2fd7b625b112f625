package dev.atelier.cart.cart;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.cart.*}.
 *
 * @param secureCookie whether the {@code cart_id} cookie is {@code Secure} (off only for local runs over HTTP)
 * @param idleExpiry how long an untouched open cart lives
 * @param sweepInterval how often the expiry job runs
 */
@ConfigurationProperties("atelier.cart")
public record CartProperties(
        @DefaultValue("true") boolean secureCookie,
        @DefaultValue("30d") Duration idleExpiry,
        @DefaultValue("5m") Duration sweepInterval) {
}
