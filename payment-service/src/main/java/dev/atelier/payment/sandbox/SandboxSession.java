package dev.atelier.payment.sandbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A sandbox session as the sandbox keeps it: what is to be paid, by whom, and where the browser goes after. */
public record SandboxSession(String id, UUID paymentId, UUID orderId, String orderNumber, long amount, String currency,
        String customerEmail, String successUrl, String cancelUrl, String status, @Nullable String paymentIntent,
        Instant expiresAt) {

    public boolean open() {
        return "OPEN".equals(status);
    }
}
