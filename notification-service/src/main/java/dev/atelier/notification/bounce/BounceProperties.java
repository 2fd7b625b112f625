package dev.atelier.notification.bounce;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailbox bounce reports arrive in ({@code atelier.sender.return-path} is its address): {@code protocol}
 * {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}; read every {@code pollInterval}, at most
 * {@code batchSize} messages a round. Read reports are deleted from the mailbox.
 */
@ConfigurationProperties("atelier.bounces")
public record BounceProperties(@DefaultValue("false") boolean enabled, @DefaultValue("imap") String protocol,
        @DefaultValue("localhost") String host, @DefaultValue("-1") int port, @Nullable String username,
        @Nullable String password, @DefaultValue("INBOX") String folder, @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("100") int batchSize) {

    public BounceProperties {
        if (!protocol.matches("imaps?|pop3s?")) {
            throw new IllegalArgumentException("atelier.bounces.protocol must be imap, imaps, pop3 or pop3s");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("atelier.bounces.batch-size must be at least 1");
        }
    }
}
