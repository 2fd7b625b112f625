package dev.atelier.notification.bounce;

import dev.atelier.notification.email.EmailBounces;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The bounce job: every {@code atelier.bounces.poll-interval} one replica (ShedLock) reads the bounce mailbox over
 * IMAP or POP3, applies each delivery report to the e-mail log and deletes what it read. A report is deleted only
 * after its outcome is committed, so a crash re-reads it (applying one twice changes nothing). Messages that are
 * no traceable report (auto-replies, spam) are deleted too: the mailbox exists for bounces only.
 */
@Component
@ConditionalOnBooleanProperty("atelier.bounces.enabled")
class BounceMailbox {

    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

    private final BounceProperties properties;
    private final EmailBounces bounces;
    private final Session session;

    BounceMailbox(BounceProperties properties, EmailBounces bounces) {
        this.properties = properties;
        this.bounces = bounces;
        Properties settings = new Properties();
        String protocol = properties.protocol();
        settings.put("mail." + protocol + ".connectiontimeout", "5000");
        settings.put("mail." + protocol + ".timeout", "10000");
        this.session = Session.getInstance(settings);
    }

    @Scheduled(fixedDelayString = "${atelier.bounces.poll-interval:30s}",
            initialDelayString = "${atelier.bounces.poll-interval:30s}")
    @SchedulerLock(name = "bounce-mailbox", lockAtMostFor = "PT5M")
    void read() {
        try {
            int read = readOnce();
            if (read > 0) {
                log.info("Read {} message(s) from the bounce mailbox", read);
            }
        } catch (MessagingException e) {
            log.warn("The bounce mailbox could not be read ({}:{}): {}; next try in {}", properties.host(),
                    properties.port(), e.getMessage(), properties.pollInterval());
        }
    }

    /** One round: returns how many messages were read (and deleted). */
    int readOnce() throws MessagingException {
        try (Store store = session.getStore(properties.protocol())) {
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            int read = 0;
            try {
                int count = Math.min(folder.getMessageCount(), properties.batchSize());
                if (count == 0) {
                    return 0;
                }
                for (Message message : folder.getMessages(1, count)) {
                    apply(message);
                    message.setFlag(Flags.Flag.DELETED, true);
                    read++;
                }
            } finally {
                folder.close(true);
            }
            return read;
        }
    }

    private void apply(Message message) throws MessagingException {
        List<DeliveryReport> reports;
        try {
            reports = message instanceof MimeMessage mime ? DeliveryReports.read(mime) : List.of();
        } catch (IOException | MessagingException | RuntimeException e) {
            log.warn("A message in the bounce mailbox could not be read as a delivery report, deleted: {}",
                    e.getMessage());
            return;
        }
        if (reports.isEmpty()) {
            log.info("A message in the bounce mailbox is no delivery report of a failure we can trace; deleted");
            return;
        }
        for (DeliveryReport report : reports) {
            EmailBounces.Outcome outcome = bounces.bounced(report.emailId(), report.recipient(), report.status(),
                    report.diagnostic());
            if (outcome != EmailBounces.Outcome.BOUNCED) {
                log.info("A delivery report about e-mail {} was ignored: {}", report.emailId(), outcome);
            }
        }
    }
}
