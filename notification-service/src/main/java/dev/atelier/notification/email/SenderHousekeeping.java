package dev.atelier.notification.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every few seconds: takes back the claims of senders that died (their e-mails are sent once more) and suppresses
 * marketing mail that was queued in the instant its address withdrew consent or hard-bounced.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SenderHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(SenderHousekeeping.class);

    private final Emails emails;
    private final SenderLoop sender;

    SenderHousekeeping(Emails emails, SenderLoop sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${atelier.sender.housekeeping-interval:5s}",
            initialDelayString = "${atelier.sender.housekeeping-interval:5s}")
    void tidy() {
        int released = emails.releaseExpiredClaims();
        int suppressed = emails.suppressQueuedMarketing(null);
        if (released > 0) {
            log.warn("Took back {} e-mail(s) a sender left in SENDING past its lease; each is sent once more", released);
            sender.wakeUp();
        }
        if (suppressed > 0) {
            log.info("Suppressed {} queued marketing e-mail(s) to addresses without consent or that hard-bounced", suppressed);
        }
    }
}
