package dev.atelier.customer.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account as sign-in and the token claims see it. The TOTP secret stays sealed here. */
public record Customer(UUID id, String email, String displayName, String passwordHash, AccountStatus status,
        Set<Role> roles, @Nullable String sealedTotpSecret, @Nullable Instant totpEnrolledAt, Instant createdAt) {

    public boolean isStaff() {
        return roles.stream().anyMatch(Role::needsSecondFactor);
    }

    public boolean hasSecondFactor() {
        return totpEnrolledAt != null && sealedTotpSecret != null;
    }
}
