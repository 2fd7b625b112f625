package dev.atelier.customer.authserver;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rotates the signing key when it is due; one replica at a time. */
@Component
class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SigningKeys keys;

    KeyRotation(SigningKeys keys) {
        this.keys = keys;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${atelier.identity.keys.check-interval:1h}")
    @SchedulerLock(name = "signing-key-rotation", lockAtMostFor = "PT5M")
    void rotateIfDue() {
        if (keys.rotateIfDue()) {
            log.info("created a new signing key; the previous one stays published until its tokens have expired");
        }
    }
}
