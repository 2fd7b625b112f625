package dev.atelier.payment.provider;

import java.time.Instant;

/** A session the shopper can now pay at {@code redirectUrl}, until {@code expiresAt}. */
public record OpenedSession(String sessionId, String redirectUrl, Instant expiresAt) {
}
