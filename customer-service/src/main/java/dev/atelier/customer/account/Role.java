package dev.atelier.customer.account;

/** What an account may do. Every account is a CUSTOMER; STAFF and ADMIN also need a second factor to act as such. */
public enum Role {
    CUSTOMER, STAFF, ADMIN;

    public boolean needsSecondFactor() {
        return this != CUSTOMER;
    }
}
