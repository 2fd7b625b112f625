package dev.atelier.notification.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sender job: who mails come from, how many workers hand mails to SMTP, how often they look for due mail
 * when nothing woke them, and the exponential back-off ({@code initialBackoff} doubling up to {@code maxBackoff})
 * over {@code maxAttempts} before an e-mail is FAILED. {@code lease} is how long a claimed e-mail may stay in
 * SENDING before a crashed sender's claim is taken back.
 */
@ConfigurationProperties("atelier.sender")
public record SenderProperties(String from, int workers, int batchSize, Duration pollInterval, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Duration lease) {

    public SenderProperties {
        if (workers < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("atelier.sender: workers, batch-size and max-attempts must be at least 1");
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
}
