package dev.atelier.notification.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that signs unsubscribe links (at least 32 characters; rotate it and old links stop working) and the
 * public address of this service's unsubscribe endpoint, as shoppers' mail clients reach it.
 */
@ConfigurationProperties("atelier.consent")
public record ConsentProperties(String unsubscribeSecret, String unsubscribeBaseUrl) {

    public ConsentProperties {
        if (unsubscribeSecret == null || unsubscribeSecret.length() < 32) {
            throw new IllegalArgumentException("atelier.consent.unsubscribe-secret must be at least 32 characters");
        }
    }
}
