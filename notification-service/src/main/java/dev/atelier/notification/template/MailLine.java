package dev.atelier.notification.template;

import dev.atelier.events.Money;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A line of an order or cart as an e-mail shows it: name, variant details, quantity, price, an image with its
 * alt text, and the personalisation in readable form ("Name: Sophie · Font: Script MT").
 */
public record MailLine(String name, @Nullable String details, int quantity, @Nullable String price,
        @Nullable String imageUrl, @Nullable String personalisation, @Nullable String note) {

    public static MailLine of(String name, @Nullable Map<String, String> attributes, int quantity,
            @Nullable Money price, @Nullable String imageUrl, Map<String, String> personalisation,
            @Nullable Map<String, String> labels) {
        return new MailLine(name, Formats.attributes(attributes), quantity, price == null ? null : Formats.money(price),
                imageUrl, Formats.personalisation(personalisation, labels), null);
    }

    public MailLine withNote(String text) {
        return new MailLine(name, details, quantity, price, imageUrl, personalisation, text);
    }

    /** The image's alt text: what the picture shows, so the e-mail reads the same without images. */
    public String imageAlt() {
        return details == null ? name : name + ", " + details;
    }
}
