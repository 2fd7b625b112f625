package dev.atelier.notification.email;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail to queue: the rendered message, its extra headers (List-Unsubscribe on marketing mail), what caused it
 * and what it is about. {@code causeKey} with {@code template} identifies it: a second e-mail with the same pair is
 * never queued, whichever event id brought the cause again.
 */
public record OutgoingEmail(String template, String causeKey, Category category, String recipient, String subject,
        String htmlBody, String textBody, Map<String, String> headers, @Nullable UUID orderId, @Nullable UUID cartId,
        @Nullable UUID customerId, @Nullable UUID eventId) {

    public OutgoingEmail {
        headers = Map.copyOf(headers);
        if (recipient.isBlank()) {
            throw new IllegalArgumentException("an e-mail needs a recipient");
        }
    }
}
