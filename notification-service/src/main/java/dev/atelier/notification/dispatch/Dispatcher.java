package dev.atelier.notification.dispatch;

import dev.atelier.notification.consent.UnsubscribeLinks;
import dev.atelier.notification.email.Category;
import dev.atelier.notification.email.EmailQueue;
import dev.atelier.notification.email.EmailStatus;
import dev.atelier.notification.email.OutgoingEmail;
import dev.atelier.notification.template.Mail;
import dev.atelier.notification.template.MailTemplates;
import dev.atelier.notification.template.RenderedMail;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a composed e-mail into a row of the e-mail log, in the caller's transaction. Marketing mail gets its
 * signed unsubscribe link in the footer and the RFC 8058 headers ({@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}); transactional and staff mail get neither.
 */
@Service
public class Dispatcher {

    private final MailTemplates templates;
    private final UnsubscribeLinks unsubscribeLinks;
    private final EmailQueue queue;

    Dispatcher(MailTemplates templates, UnsubscribeLinks unsubscribeLinks, EmailQueue queue) {
        this.templates = templates;
        this.unsubscribeLinks = unsubscribeLinks;
        this.queue = queue;
    }

    /** Queues the e-mail; empty when this template was already used for this cause. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EmailStatus> send(Mail mail, Category category, String recipient, Cause cause) {
        if (queue.alreadyLogged(mail.template(), cause.key())) {
            return Optional.empty();
        }
        Map<String, String> headers = Map.of();
        if (category == Category.MARKETING) {
            String url = unsubscribeLinks.urlFor(recipient);
            mail = mail.withUnsubscribeUrl(url);
            headers = Map.of("List-Unsubscribe", "<" + url + ">",
                    "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        RenderedMail rendered = templates.render(mail);
        return queue.enqueue(new OutgoingEmail(mail.template(), cause.key(), category, recipient, rendered.subject(),
                rendered.html(), rendered.text(), headers, cause.orderId(), cause.cartId(), cause.customerId(),
                cause.eventId()));
    }

    /** Whether an e-mail of this template about this order is already in the log. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean alreadySentAbout(String template, UUID orderId) {
        return queue.alreadyLoggedForOrder(template, orderId);
    }

    public MailTemplates templates() {
        return templates;
    }
}
