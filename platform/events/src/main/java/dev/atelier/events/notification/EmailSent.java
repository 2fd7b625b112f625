package dev.atelier.events.notification;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP server accepted an e-mail: the back-office shows it on the order's timeline. {@code template} is the
 * logical template name ({@code order-confirmation}, {@code abandoned-cart-3}, …); {@code attempts} counts every
 * hand-over tried, this one included; {@code providerMessageId} is the Message-ID the provider knows it by.
 */
@EventContract(name = "EmailSent", version = 1, topic = Topics.NOTIFICATION_EMAIL)
public record EmailSent(UUID emailId, String template, String recipient, int attempts,
        @Nullable String providerMessageId, @Nullable UUID orderId, @Nullable UUID cartId,
        @Nullable UUID customerId, Instant sentAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return emailId.toString();
    }
}
