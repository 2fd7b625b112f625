package dev.atelier.events.notification;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail could not be delivered: the SMTP server refused it permanently or every attempt failed. Staff can
 * retry it from the e-mail log; {@code reason} is the last error in the provider's words.
 */
@EventContract(name = "EmailFailed", version = 1, topic = Topics.NOTIFICATION_EMAIL)
public record EmailFailed(UUID emailId, String template, String recipient, int attempts, String reason,
        @Nullable UUID orderId, @Nullable UUID cartId, @Nullable UUID customerId, Instant failedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return emailId.toString();
    }
}
