package dev.atelier.customer.account;

/** Where an account stands: only ACTIVE accounts may sign in. */
public enum AccountStatus {
    PENDING_VERIFICATION, ACTIVE, LOCKED, ERASED
}
