package dev.atelier.payment.provider;

import java.util.Optional;

/**
 * A party that takes the shopper's money: it opens a hosted payment session, reports a session's state, expires an
 * unused one and refunds. Every call that creates something carries an idempotency key, so that a retry never
 * creates it twice.
 */
public interface PaymentProvider {

    /** The name stored on a payment and published in its events: {@code stripe}, {@code sandbox}. */
    String name();

    /** Whether the keys it needs are set; a method whose provider is not configured is served by the sandbox. */
    boolean configured();

    /** A provider that runs inside this service: its calls touch only this service's database. */
    boolean local();

    /**
     * Opens a hosted session for the request.
     *
     * @throws ProviderUnavailableException after the provider's own retries, when it could not be reached
     * @throws ProviderRejectedException when it refused the request (a retry would be refused too)
     */
    OpenedSession openSession(SessionRequest request);

    /** The session as the provider sees it now: the truth a stale or out-of-order webhook is checked against. */
    SessionState fetchSession(String sessionId);

    /**
     * Whether {@link #expireSession} really closes a session at the provider. One that cannot (a Tink payment request
     * lives on) leaves the reconciliation to fail the payment once it is past its expiry.
     */
    default boolean closesSessions() {
        return true;
    }

    /** Closes a session nobody paid yet, so that it cannot be paid any more; nothing when it is closed already. */
    void expireSession(String sessionId);

    /** Gives {@code request.amount()} of a taken payment back; returns the provider's refund reference. */
    String refund(RefundRequest request);

    /** The secret its Stripe-shaped webhooks are signed with, for providers that send them. */
    Optional<String> stripeWebhookSecret();
}
