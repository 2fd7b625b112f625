package dev.atelier.notification.email;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where features put the e-mails their events call for. It joins the caller's transaction (the inbox row of the
 * event that caused the e-mail), so the e-mail is logged exactly when the event is marked as handled.
 */
@Service
public class EmailQueue {

    private final Emails emails;
    private final SenderLoop sender;

    EmailQueue(Emails emails, SenderLoop sender) {
        this.emails = emails;
        this.sender = sender;
    }

    /**
     * Logs the e-mail as QUEUED (SUPPRESSED for marketing mail to an unsubscribed address) and wakes the sender once
     * the transaction commits. Empty when the same template was already used for the same cause: nothing is added.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EmailStatus> enqueue(OutgoingEmail email) {
        Optional<EmailStatus> status = emails.insert(email);
        if (status.filter(EmailStatus.QUEUED::equals).isPresent()) {
            sender.wakeUpAfterCommit();
        }
        return status;
    }

    /** Whether the template was already used for this cause (queued, sent or otherwise). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean alreadyLogged(String template, String causeKey) {
        return emails.exists(template, causeKey);
    }

    /** Whether an e-mail of this template about this order is in the log (queued, sent or otherwise). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean alreadyLoggedForOrder(String template, UUID orderId) {
        return emails.existsForOrder(template, orderId);
    }
}
