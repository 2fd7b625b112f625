package dev.atelier.notification.consent;

import dev.atelier.notification.email.Suppressions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** One-click unsubscribe: a valid token suppresses its address for marketing mail and stops what is queued. */
@Service
public class Unsubscribing {

    private static final Logger log = LoggerFactory.getLogger(Unsubscribing.class);

    private final UnsubscribeLinks links;
    private final Suppressions suppressions;

    Unsubscribing(UnsubscribeLinks links, Suppressions suppressions) {
        this.links = links;
        this.suppressions = suppressions;
    }

    /** The address the token stands for, when it is one of ours. */
    public Optional<String> addressOf(String token) {
        return links.addressOf(token);
    }

    /** Unsubscribes the token's address (idempotent); empty when the token is not valid. */
    public Optional<String> unsubscribe(String token, String how) {
        Optional<String> address = links.addressOf(token);
        address.ifPresent(a -> {
            int stopped = suppressions.suppress(a, how);
            log.info("An address unsubscribed from marketing mail ({}); {} queued e-mail(s) will not be sent", how,
                    stopped);
        });
        return address;
    }
}
