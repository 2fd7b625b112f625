package dev.atelier.payment.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tink Pay by Bank: the app's client credentials and webhook secret, the store's (creditor's) UK account that the
 * shopper's bank pays into, and where Tink Link sends the shopper back. The base URLs are configurable so that tests
 * run the real client against WireMock. Without credentials, account or webhook secret, bank payments go to the
 * sandbox.
 */
@ConfigurationProperties("atelier.payment.tink")
public record TinkProperties(@Nullable String clientId, @Nullable String clientSecret, @Nullable String webhookSecret,
        String apiBase, String linkBase, String market, String locale, String currency, String recipientName,
        @Nullable String sortCode, @Nullable String accountNumber, String redirectUri, Duration connectTimeout,
        Duration readTimeout, Duration webhookTolerance, Duration statusCheckInterval) {

    public boolean configured() {
        return present(clientId) && present(clientSecret) && present(webhookSecret) && present(sortCode)
                && present(accountNumber);
    }

    /** The creditor's account as Tink's {@code sort-code} account type wants it: six digits of sort code, eight of account. */
    public String creditorAccount() {
        String sort = digits(sortCode);
        String account = digits(accountNumber);
        if (sort.length() != 6 || account.length() != 8) {
            throw new IllegalStateException("atelier.payment.tink.sort-code needs 6 digits and account-number 8");
        }
        return sort + account;
    }

    private static String digits(@Nullable String value) {
        return value == null ? "" : value.replaceAll("[\\s-]", "");
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
