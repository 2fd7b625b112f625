package dev.atelier.notification.account;

import dev.atelier.notification.template.Branding;
import dev.atelier.notification.template.Formats;
import dev.atelier.notification.template.Mail;
import dev.atelier.notification.template.MailLine;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Account e-mails from customer-service's events: sign-up verification, password reset, occasion reminder. */
final class AccountMails {

    static final String SIGNUP_VERIFICATION = "signup-verification";
    static final String PASSWORD_RESET = "password-reset";
    static final String OCCASION_REMINDER = "occasion-reminder";

    private AccountMails() {
    }

    static Mail signupVerification(String code, Duration validFor, Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("code", code);
        variables.put("validMinutes", validFor.toMinutes());
        return new Mail(SIGNUP_VERIFICATION, code + " is your " + brand.storeName() + " verification code",
                "Enter this code to finish creating your account.", variables, null);
    }

    static Mail passwordReset(String resetUrl, Duration validFor, Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("resetUrl", resetUrl);
        variables.put("validMinutes", validFor.toMinutes());
        return new Mail(PASSWORD_RESET, "Reset your " + brand.storeName() + " password",
                "Someone asked to reset your password. If it was you, use the link inside.", variables, null);
    }

    /** Marketing mail: sent only to addresses that may receive it, with the unsubscribe link. */
    static Mail occasionReminder(String occasion, @Nullable String forWhom, Instant date, List<MailLine> ideas,
            Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("occasion", occasion);
        variables.put("forWhom", forWhom);
        variables.put("date", Formats.day(date));
        variables.put("ideas", ideas);
        variables.put("shopUrl", brand.link("/occasions"));
        String about = forWhom == null ? occasion : forWhom + "'s " + occasion;
        variables.put("about", about);
        return new Mail(OCCASION_REMINDER, about + " is coming up on " + Formats.day(date),
                "Personalised gifts take a few days to make: there is still time.", variables, null);
    }
}
