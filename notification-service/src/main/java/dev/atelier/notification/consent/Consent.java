package dev.atelier.notification.consent;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The latest marketing-consent answer for an address: granted or not, through which channel, and when. */
public record Consent(String address, boolean granted, String source, @Nullable UUID customerId, Instant changedAt) {
}
