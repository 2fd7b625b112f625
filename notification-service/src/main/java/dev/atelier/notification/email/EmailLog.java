package dev.atelier.notification.email;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The e-mail log as staff and the dev inbox use it: reading rows and putting a failed e-mail back in the queue. */
@Service
public class EmailLog {

    private final Emails emails;
    private final SenderLoop sender;

    EmailLog(Emails emails, SenderLoop sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Transactional(readOnly = true)
    public List<EmailEntry> page(EmailFilter filter, @Nullable UUID before, int limit) {
        return emails.page(filter, before, limit);
    }

    @Transactional(readOnly = true)
    public Optional<EmailEntry> find(UUID id) {
        return emails.find(id);
    }

    @Transactional(readOnly = true)
    public Optional<EmailContent> content(UUID id) {
        return emails.content(id);
    }

    /**
     * Queues a FAILED or BOUNCED e-mail again for a new round of attempts (the attempts so far stay counted).
     *
     * @throws UnknownEmailException when there is no such e-mail
     * @throws EmailNotRetryableException when it is in another state (queued, sending, sent, suppressed)
     */
    @Transactional
    public EmailEntry retry(UUID id) {
        EmailEntry current = emails.find(id).orElseThrow(() -> new UnknownEmailException(id));
        if (emails.requeue(id).isEmpty()) {
            throw new EmailNotRetryableException(current);
        }
        sender.wakeUpAfterCommit();
        return emails.find(id).orElseThrow();
    }
}
