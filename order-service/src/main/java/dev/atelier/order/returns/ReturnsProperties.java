package dev.atelier.order.returns;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the shopper is told when a return is approved: how long they have to post the items back, and where to
 * ({@code address}; when unset, notification-service names the store's postal address from its branding).
 */
@ConfigurationProperties("atelier.returns")
record ReturnsProperties(@DefaultValue("14d") Duration sendBackWithin, @Nullable String address) {

    ReturnsProperties {
        if (sendBackWithin.isNegative() || sendBackWithin.isZero()) {
            throw new IllegalArgumentException("atelier.returns.send-back-within must be positive, was "
                    + sendBackWithin);
        }
        address = address == null || address.isBlank() ? null : address.strip();
    }
}
