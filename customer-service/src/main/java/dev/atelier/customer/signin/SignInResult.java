package dev.atelier.customer.signin;

/** The outcome of one sign-in attempt, as the sign-in record keeps it. */
enum SignInResult {
    SUCCESS, BAD_CREDENTIALS, THROTTLED, SECOND_FACTOR_REQUIRED, BAD_SECOND_FACTOR, NOT_VERIFIED, LOCKED
}
