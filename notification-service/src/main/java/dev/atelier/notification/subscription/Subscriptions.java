package dev.atelier.notification.subscription;

import dev.atelier.events.notification.EmailSubscriptionConfirmed;
import dev.atelier.messaging.outbox.EventIds;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.notification.consent.Consent;
import dev.atelier.notification.consent.Consents;
import dev.atelier.notification.dispatch.Cause;
import dev.atelier.notification.dispatch.Dispatcher;
import dev.atelier.notification.email.Category;
import dev.atelier.notification.email.Suppressions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in for people without an account. A request sends one confirmation e-mail (at most one per address
 * per {@code resend-after}; an address that already consented gets none), and the same answer is given whatever
 * the address's state, so the endpoint tells nobody who subscribed. Consent is granted only when the signed link in
 * that e-mail is confirmed before it expires, and published (EmailSubscriptionConfirmed, same transaction) for
 * customer-service to record when the address is an account's. Plain JDBC: the request is one guarded upsert.
 */
@Service
public class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final JdbcClient jdbc;
    private final Consents consents;
    private final Dispatcher dispatcher;
    private final ConfirmationLinks links;
    private final SubscriptionProperties properties;
    private final Outbox outbox;
    private final Clock clock;

    Subscriptions(JdbcClient jdbc, Consents consents, Dispatcher dispatcher, ConfirmationLinks links,
            SubscriptionProperties properties, Outbox outbox) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.dispatcher = dispatcher;
        this.links = links;
        this.properties = properties;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /** How a confirmation link turned out. */
    public enum Confirmed {
        CONFIRMED, EXPIRED, INVALID
    }

    /** Asks the address to confirm (see the class comment for when nothing is sent); true when an e-mail is queued. */
    @Transactional
    public boolean request(String email) {
        String address = Suppressions.normalise(email);
        if (consents.of(address).filter(c -> c.granted()).isPresent()) {
            return false;
        }
        Optional<UUID> requestId = jdbc.sql("""
                        INSERT INTO subscription_request (address, request_id) VALUES (:address, :requestId)
                        ON CONFLICT (address) DO UPDATE
                           SET request_id = EXCLUDED.request_id, last_sent_at = now(), confirmed_at = NULL,
                               confirmations_sent = subscription_request.confirmations_sent + 1
                         WHERE subscription_request.last_sent_at <= now() - make_interval(secs => :resendAfter)
                        RETURNING request_id""")
                .param("address", address).param("requestId", EventIds.next())
                .param("resendAfter", properties.resendAfter().toMillis() / 1000.0)
                .query(UUID.class).optional();
        if (requestId.isEmpty()) {
            log.info("A subscription was requested again within {}: no new confirmation e-mail", properties.resendAfter());
            return false;
        }
        Instant expiresAt = clock.instant().plus(properties.confirmationValidity());
        // the cause names the request, never the address: the log's keys must not hold personal data
        dispatcher.send(SubscriptionMails.confirmation(links.urlFor(address, expiresAt),
                        properties.confirmationValidity(), dispatcher.templates().branding()),
                Category.TRANSACTIONAL, address, new Cause("subscription:" + requestId.get(), null, null, null, null));
        return true;
    }

    /** The address a link would confirm, when it is valid and not expired (for the page before the click). */
    public Optional<String> pending(String token) {
        Instant now = clock.instant();
        return links.read(token).filter(c -> !c.expiredAt(now)).map(ConfirmationLinks.Confirmation::address);
    }

    /** Grants consent for the link's address (idempotent) when the link is valid and not expired. */
    @Transactional
    public Confirmed confirm(String token) {
        Optional<ConfirmationLinks.Confirmation> confirmation = links.read(token);
        if (confirmation.isEmpty()) {
            return Confirmed.INVALID;
        }
        Instant now = clock.instant();
        if (confirmation.get().expiredAt(now)) {
            return Confirmed.EXPIRED;
        }
        String address = confirmation.get().address();
        Optional<Consent> before = consents.of(address);
        consents.record(address, true, Consents.DOUBLE_OPT_IN, null, now);
        // customer-service records it for an account with this address; a second click has nothing new to tell
        if (!before.map(Consent::granted).orElse(false)) {
            outbox.record(new EmailSubscriptionConfirmed(Suppressions.normalise(address),
                    before.map(Consent::customerId).orElse(null), Consents.DOUBLE_OPT_IN, now));
        }
        jdbc.sql("UPDATE subscription_request SET confirmed_at = now() WHERE address = :address AND confirmed_at IS NULL")
                .param("address", address).update();
        log.info("A subscription was confirmed by double opt-in");
        return Confirmed.CONFIRMED;
    }
}
