package dev.atelier.notification.email.web;

import dev.atelier.notification.email.EmailEntry;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of the e-mail log on the wire. */
record EmailView(UUID id, String template, String category, String recipient, String subject, String status,
        int attempts, int interruptedSends, @Nullable String lastError, @Nullable Instant nextAttemptAt,
        @Nullable String providerMessageId, @Nullable UUID orderId, @Nullable UUID cartId, @Nullable UUID customerId,
        Instant createdAt, @Nullable Instant sentAt) {

    static EmailView of(EmailEntry e) {
        return new EmailView(e.id(), e.template(), e.category().name(), e.recipient(), e.subject(), e.status().name(),
                e.attempts(), e.interruptedSends(), e.lastError(), e.nextAttemptAt(), e.providerMessageId(),
                e.orderId(), e.cartId(), e.customerId(), e.createdAt(), e.sentAt());
    }
}
