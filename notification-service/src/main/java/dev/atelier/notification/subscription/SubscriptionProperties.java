package dev.atelier.notification.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Double opt-in: how long a confirmation link works, and how long a repeated request for the same address waits
 * before another confirmation e-mail goes (so that the endpoint cannot be used to flood an inbox).
 */
@ConfigurationProperties("atelier.subscription")
public record SubscriptionProperties(@DefaultValue("48h") Duration confirmationValidity,
        @DefaultValue("15m") Duration resendAfter) {

    public SubscriptionProperties {
        if (confirmationValidity.isNegative() || confirmationValidity.isZero() || resendAfter.isNegative()) {
            throw new IllegalArgumentException("atelier.subscription: confirmation-validity must be positive and "
                    + "resend-after not negative");
        }
    }
}
