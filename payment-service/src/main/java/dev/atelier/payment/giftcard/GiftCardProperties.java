package dev.atelier.payment.giftcard;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gift-card settings: how many balance checks a client may make per minute, and which proxies' X-Forwarded-For is
 * believed when telling clients apart (the gateway's; anyone else could pick a fresh address per request).
 */
@ConfigurationProperties("atelier.payment.gift-cards")
public record GiftCardProperties(int balanceChecksPerMinute, List<String> trustedProxies) {

    public GiftCardProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
