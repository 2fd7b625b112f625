package dev.atelier.notification.template;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the store's e-mails look and sign off: name, logo, colours, the postal address the law asks marketing mail
 * to carry (CAN-SPAM, PECR), the help address shoppers write to and the workshop's address for staff alerts.
 */
@ConfigurationProperties("atelier.branding")
public record Branding(String storeName, String storeUrl, String logoUrl, String primaryColour, String accentColour,
        String postalAddress, String supportEmail, String staffEmail) {

    public Branding {
        requireColour(primaryColour, "primary-colour");
        requireColour(accentColour, "accent-colour");
    }

    /** A link into the store: {@code storeUrl} joined with {@code path}. */
    public String link(String path) {
        String base = storeUrl.endsWith("/") ? storeUrl.substring(0, storeUrl.length() - 1) : storeUrl;
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    // the colours go into style attributes: only plain hex colours are accepted
    private static void requireColour(String colour, String name) {
        if (colour == null || !colour.matches("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?")) {
            throw new IllegalArgumentException("atelier.branding." + name + " must be a hex colour like #3b2f63");
        }
    }
}
