package dev.atelier.notification.email;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Which rows of the e-mail log to list; every criterion is optional, {@code to} is exclusive. */
public record EmailFilter(@Nullable EmailStatus status, @Nullable String template, @Nullable String recipient,
        @Nullable UUID orderId, @Nullable Instant from, @Nullable Instant to) {
}
