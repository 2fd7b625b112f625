package dev.atelier.customer.signin;

/** The outcome of one sign-in attempt, as the sign-in record keeps it. */
enum SignInResult {
    SUCCESS, BAD_CREDENTIALS, THROTTLED, SECOND_FACTOR_REQUIRED, BAD_SECOND_FACTOR, NOT_VERIFIED, LOCKED,
    /** Google did not vouch for the e-mail address, so it can neither link nor create an account. */
    PROVIDER_EMAIL_UNVERIFIED,
    /** Staff tried an upstream provider, which cannot give their second factor. */
    PROVIDER_REFUSED_FOR_STAFF,
    /** The upstream provider's answer did not complete (refused, invalid, unreachable). */
    PROVIDER_FAILED
}
