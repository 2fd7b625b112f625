package dev.atelier.payment.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Stripe's keys and client settings; the base URL is configurable so that tests run the real client on WireMock. */
@ConfigurationProperties("atelier.payment.stripe")
public record StripeProperties(@Nullable String apiKey, @Nullable String webhookSecret, String apiBase,
        Duration connectTimeout, Duration readTimeout, boolean automaticTax) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank() && webhookSecret != null && !webhookSecret.isBlank();
    }
}
