package dev.atelier.notification.email;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A row of the e-mail log as staff read it: where the e-mail is, how often it was tried, what went wrong last,
 * the provider's message id and what it is about. {@code interruptedSends} counts the times a sender stopped
 * after handing it to SMTP, so it may have been delivered once more than {@code SENT} says.
 */
public record EmailEntry(UUID id, String template, String causeKey, Category category, String recipient,
        String subject, EmailStatus status, int attempts, int interruptedSends, @Nullable Instant nextAttemptAt,
        @Nullable String lastError, @Nullable String providerMessageId, @Nullable UUID orderId, @Nullable UUID cartId,
        @Nullable UUID customerId, @Nullable UUID eventId, Instant createdAt, Instant updatedAt,
        @Nullable Instant sentAt) {
}
