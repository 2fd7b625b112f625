package dev.atelier.notification.consent;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-click unsubscribe: a valid token withdraws its address's marketing consent, which also stops the marketing
 * e-mails still queued for it. Transactional mail is not affected.
 */
@Service
public class Unsubscribing {

    private static final Logger log = LoggerFactory.getLogger(Unsubscribing.class);

    private final UnsubscribeLinks links;
    private final Consents consents;
    private final Clock clock;

    Unsubscribing(UnsubscribeLinks links, Consents consents) {
        this.links = links;
        this.consents = consents;
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
            consents.record(a, false, Consents.ONE_CLICK_UNSUBSCRIBE, null, clock.instant());
            log.info("An address withdrew marketing consent by one-click unsubscribe");
        });
        return address;
    }
}
