package dev.atelier.notification.consent;

import dev.atelier.events.notification.EmailUnsubscribed;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.notification.email.Suppressions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-click unsubscribe: a valid token withdraws its address's marketing consent, which also stops the marketing
 * e-mails still queued for it. Transactional mail is not affected. The withdrawal is published (EmailUnsubscribed, in
 * the same transaction) so that customer-service records it in the account's consent history; only a withdrawal made
 * here is published, never one learnt from customer-service's MarketingConsentChanged, so the answer does not echo.
 */
@Service
public class Unsubscribing {

    private static final Logger log = LoggerFactory.getLogger(Unsubscribing.class);

    private final UnsubscribeLinks links;
    private final Consents consents;
    private final Outbox outbox;
    private final Clock clock;

    Unsubscribing(UnsubscribeLinks links, Consents consents, Outbox outbox) {
        this.links = links;
        this.consents = consents;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /** The address the token stands for, when it is one of ours. */
    public Optional<String> addressOf(String token) {
        return links.addressOf(token);
    }

    /** Unsubscribes the token's address (idempotent); empty when the token is not valid. */
    @Transactional
    public Optional<String> unsubscribe(String token) {
        Optional<String> address = links.addressOf(token);
        address.ifPresent(a -> {
            Optional<Consent> before = consents.of(a);
            Instant now = clock.instant();
            consents.record(a, false, Consents.ONE_CLICK_UNSUBSCRIBE, null, now);
            // a second click, or an address already without consent, has nothing new to tell
            if (before.map(Consent::granted).orElse(true)) {
                outbox.record(new EmailUnsubscribed(Suppressions.normalise(a),
                        before.map(Consent::customerId).orElse(null), Consents.ONE_CLICK_UNSUBSCRIBE, now));
                log.info("An address withdrew marketing consent by one-click unsubscribe");
            }
        });
        return address;
    }
}
