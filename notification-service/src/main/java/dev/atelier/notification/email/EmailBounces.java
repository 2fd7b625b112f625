package dev.atelier.notification.email;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a bounce report does to the e-mail log: the e-mail it names becomes BOUNCED with the report's diagnostic,
 * and a permanent failure (a 5.x.x status: no such mailbox, domain gone) suppresses the address for marketing mail.
 * A report is believed only when its recipient is the e-mail's: the bounce address is guessable, the pair is not.
 */
@Service
public class EmailBounces {

    /** The header that carries the e-mail log id in every message this service sends. */
    public static final String CORRELATION_HEADER = "X-Atelier-Email-Id";

    private static final Logger log = LoggerFactory.getLogger(EmailBounces.class);

    private final JdbcClient jdbc;
    private final Suppressions suppressions;

    EmailBounces(JdbcClient jdbc, Suppressions suppressions) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
    }

    /** What a report changed. */
    public enum Outcome {
        /** the e-mail is BOUNCED (again: idempotent) */
        BOUNCED,
        /** no e-mail with this id was sent */
        UNKNOWN_EMAIL,
        /** the report's recipient is not the e-mail's: ignored */
        RECIPIENT_MISMATCH
    }

    /**
     * Records a final delivery failure reported for the e-mail.
     *
     * @param recipient the report's Final-Recipient address
     * @param status the enhanced status code ({@code 5.1.1}); 5.x.x is permanent
     * @param diagnostic what the receiving server said
     */
    @Transactional
    public Outcome bounced(UUID emailId, String recipient, String status, String diagnostic) {
        Optional<String> logged = jdbc.sql("SELECT recipient FROM email WHERE id = :id AND status IN ('SENT', "
                        + "'SENDING', 'BOUNCED')")
                .param("id", emailId).query(String.class).optional();
        if (logged.isEmpty()) {
            return Outcome.UNKNOWN_EMAIL;
        }
        if (!Suppressions.normalise(logged.get()).equals(Suppressions.normalise(recipient))) {
            return Outcome.RECIPIENT_MISMATCH;
        }
        boolean permanent = status.startsWith("5");
        String error = (permanent ? "bounced (permanent, " : "bounced (") + status + "): " + diagnostic;
        jdbc.sql("""
                        UPDATE email SET status = 'BOUNCED', claimed_until = NULL, next_attempt_at = NULL,
                               last_error = :error, updated_at = now()
                        WHERE id = :id AND status IN ('SENT', 'SENDING', 'BOUNCED')""")
                .param("id", emailId).param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .update();
        if (permanent) {
            int stopped = suppressions.suppressHardBounced(logged.get(), status + " " + diagnostic);
            log.info("E-mail {} hard-bounced ({}): its address gets no more marketing mail; {} queued stopped", emailId,
                    status, stopped);
        } else {
            log.info("E-mail {} bounced ({})", emailId, status);
        }
        return Outcome.BOUNCED;
    }
}
