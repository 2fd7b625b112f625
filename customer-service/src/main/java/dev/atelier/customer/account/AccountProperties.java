package dev.atelier.customer.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.accounts.*}.
 *
 * @param publicUrl where shoppers reach the sign-in pages (the gateway): the base of links in e-mails
 * @param verificationCodeTtl how long an e-mail verification code works
 * @param verificationAttempts wrong codes allowed before the code is void and a new one must be asked for
 * @param passwordResetTtl how long a reset link works
 */
@ConfigurationProperties("atelier.accounts")
record AccountProperties(
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("15m") Duration verificationCodeTtl,
        @DefaultValue("5") int verificationAttempts,
        @DefaultValue("30m") Duration passwordResetTtl) {
}
