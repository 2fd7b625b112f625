package dev.atelier.notification.subscription;

import static dev.atelier.notification.template.TestTemplates.branding;
import static dev.atelier.notification.template.TestTemplates.renderAndSave;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.notification.template.RenderedMail;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The double opt-in's confirmation e-mail rendered from sample data; saved under target/. */
class SubscriptionTemplatesTest {

    @Test
    void confirmationLinksToTheConfirmPageAndSaysHowLongItWorks() {
        String url = "https://shop.atelier.example/subscriptions/confirm?token=abc.def";
        RenderedMail mail = renderAndSave(SubscriptionMails.confirmation(url, Duration.ofHours(48), branding()),
                "subscription-confirmation");

        assertThat(mail.subject()).isEqualTo("Confirm your subscription to Atelier Bristol");
        assertThat(mail.html()).contains("href=\"" + url + "\"", "Yes, send me e-mails", "48</span> hours");
        assertThat(mail.text()).contains(url, "works for 48 hours", "ignore this e-mail: nothing will be sent to you")
                .doesNotContain("nsubscribe in one click:");
    }
}
