package dev.atelier.payment.giftcard;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gift-card settings: how many balance checks a client may make per minute, and which proxies' X-Forwarded-For is
 * believed when telling clients apart (the gateway's; anyone else could pick a fresh address per request). A line of
 * a confirmed order whose SKU starts with {@code productSkuPrefix} is a gift card bought as a product; each unit is
 * issued as a card worth the line's unit price, valid for {@code boughtValidity}.
 */
@ConfigurationProperties("atelier.payment.gift-cards")
public record GiftCardProperties(int balanceChecksPerMinute, List<String> trustedProxies, String productSkuPrefix,
        Duration boughtValidity) {

    public GiftCardProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        productSkuPrefix = productSkuPrefix == null || productSkuPrefix.isBlank() ? "GIFTCARD-" : productSkuPrefix;
        boughtValidity = boughtValidity == null ? Duration.ofDays(730) : boughtValidity;
    }

    /** Whether an order line's SKU is that of a gift card sold as a product. */
    public boolean isGiftCardSku(String sku) {
        return sku.regionMatches(true, 0, productSkuPrefix, 0, productSkuPrefix.length());
    }
}
