package dev.atelier.notification.account;

import static dev.atelier.notification.template.TestTemplates.branding;
import static dev.atelier.notification.template.TestTemplates.renderAndSave;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.notification.template.MailLine;
import dev.atelier.notification.template.RenderedMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Account e-mails rendered from sample data ahead of customer-service's events; saved under target/. */
class AccountTemplatesTest {

    @Test
    void signupVerificationShowsTheCodeAndHowLongItIsValid() {
        RenderedMail mail = renderAndSave(AccountMails.signupVerification("482913", Duration.ofMinutes(15), branding()),
                "signup-verification");

        assertThat(mail.subject()).isEqualTo("482913 is your Atelier Bristol verification code");
        assertThat(mail.html()).contains(">482913<", "15</span> minutes");
        assertThat(mail.text()).contains("Your verification code: 482913", "valid for 15 minutes")
                .doesNotContain("nsubscribe");
    }

    @Test
    void passwordResetLinksToTheResetPage() {
        String url = "https://shop.atelier.example/password/reset?token=abc123";
        RenderedMail mail = renderAndSave(AccountMails.passwordReset(url, Duration.ofMinutes(30), branding()),
                "password-reset");

        assertThat(mail.subject()).isEqualTo("Reset your Atelier Bristol password");
        assertThat(mail.html()).contains("href=\"" + url + "\"", "Choose a new password");
        assertThat(mail.text()).contains(url, "30 minutes", "your password stays as it is");
    }

    @Test
    void occasionReminderNamesWhoseOccasionAndWhen() {
        RenderedMail mail = renderAndSave(AccountMails.occasionReminder("birthday", "Mum",
                Instant.parse("2027-03-14T00:00:00Z"), List.of(MailLine.of("Engraved Keyring", null, 1, Money.gbp(1450),
                        null, Map.of(), null)), branding())
                .withUnsubscribeUrl("https://shop.atelier.example/unsubscribe?token=t"), "occasion-reminder");

        assertThat(mail.subject()).isEqualTo("Mum's birthday is coming up on Sunday 14 March 2027");
        assertThat(mail.html()).contains("Mum&#39;s birthday is on Sunday 14 March 2027", "Engraved Keyring", "£14.50",
                "Unsubscribe");
        assertThat(mail.text()).contains("Mum's birthday is on Sunday 14 March 2027", "Find a gift:");
    }
}
