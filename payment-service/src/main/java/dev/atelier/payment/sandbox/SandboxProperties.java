package dev.atelier.payment.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox's addresses and signing secret. {@code publicUrl} is where the shopper's browser reaches the sandbox
 * page (the gateway locally); {@code webhookUrl} is where its webhooks go (this service's own endpoint when unset);
 * a secret left unset is drawn at random at start, since only this instance signs and checks it.
 */
@ConfigurationProperties("atelier.payment.sandbox")
public record SandboxProperties(String publicUrl, @Nullable String webhookUrl, @Nullable String webhookSecret) {
}
