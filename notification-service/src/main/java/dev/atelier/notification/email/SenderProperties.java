package dev.atelier.notification.email;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sender job: who mails come from, how many workers hand mails to SMTP, how often they look for due mail
 * when nothing woke them, and the exponential back-off ({@code initialBackoff} doubling up to {@code maxBackoff})
 * over {@code maxAttempts} before an e-mail is FAILED. {@code lease} is how long a claimed e-mail may stay in
 * SENDING before a crashed sender's claim is taken back. {@code returnPath} is the envelope sender that receives
 * bounce reports (none: the From address); with {@code verp} each e-mail's envelope sender names its log row
 * ({@code bounces+<email id>@domain}, for a mailbox that delivers sub-addresses to {@code bounces@domain}).
 */
@ConfigurationProperties("atelier.sender")
public record SenderProperties(String from, int workers, int batchSize, Duration pollInterval, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Duration lease, @Nullable String returnPath,
        @DefaultValue("true") boolean verp) {

    public SenderProperties {
        if (workers < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("atelier.sender: workers, batch-size and max-attempts must be at least 1");
        }
        if (returnPath != null && returnPath.isBlank()) {
            returnPath = null;
        }
        if (returnPath != null && !returnPath.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new IllegalArgumentException("atelier.sender.return-path must be a plain address like bounces@example.com");
        }
    }

    /** The wait before attempt {@code attempt + 1} of a round, after {@code attempt} failed ones. */
    Duration backoffAfter(int attempt) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /** The envelope sender (Return-Path) of an e-mail: the bounce address, with the e-mail's id under VERP. */
    @Nullable String envelopeSenderFor(UUID emailId) {
        if (returnPath == null) {
            return null;
        }
        if (!verp) {
            return returnPath;
        }
        int at = returnPath.indexOf('@');
        return returnPath.substring(0, at) + "+" + emailId + returnPath.substring(at);
    }
}
