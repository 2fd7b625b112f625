package dev.atelier.notification.devinbox.web;

import dev.atelier.notification.email.EmailContent;
import dev.atelier.notification.email.EmailEntry;
import dev.atelier.notification.email.EmailFilter;
import dev.atelier.notification.email.EmailLog;
import dev.atelier.notification.email.EmailStatus;
import dev.atelier.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The local dev inbox (profile {@code local}, {@code atelier.dev-inbox.enabled}): the e-mails the SMTP server
 * accepted, newest first, each readable as rendered HTML, text part and headers. It reads the e-mail log, whose
 * rows are exactly what was handed to SMTP; it is off in production.
 */
@RestController
@ConditionalOnBooleanProperty("atelier.dev-inbox.enabled")
class DevInboxController {

    private static final String HTML = "text/html;charset=UTF-8";

    private static final int SHOWN = 200;

    private final EmailLog emails;

    DevInboxController(EmailLog emails) {
        this.emails = emails;
    }

    /** What outside clients and tests rely on: {@code [{id, to, subject, template, orderId, sentAt}]}. */
    @GetMapping(path = "/dev/inbox.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<InboxItem> json() {
        return sent().stream().map(InboxItem::of).toList();
    }

    @GetMapping(path = "/dev/inbox", produces = HTML)
    String inbox() {
        String rows = sent().stream().map(e -> "<tr><td>" + esc(String.valueOf(e.sentAt())) + "</td><td>"
                        + esc(e.recipient()) + "</td><td><a href=\"/dev/inbox/" + e.id() + "\">" + esc(e.subject())
                        + "</a></td><td>" + esc(e.template()) + "</td><td>" + e.category() + "</td></tr>")
                .collect(Collectors.joining("\n"));
        return page("Dev inbox", "<p>E-mails the SMTP server accepted, newest first (at most " + SHOWN + ").</p>"
                + "<table><thead><tr><th>sent</th><th>to</th><th>subject</th><th>template</th><th>kind</th></tr>"
                + "</thead><tbody>" + rows + "</tbody></table>");
    }

    @GetMapping(path = "/dev/inbox/{id}", produces = HTML)
    String email(@PathVariable UUID id) {
        EmailEntry entry = emails.find(id).orElseThrow(() -> unknown(id));
        EmailContent content = emails.content(id).orElseThrow(() -> unknown(id));
        String headers = content.headers().entrySet().stream()
                .map(h -> "<tr><th>" + esc(h.getKey()) + "</th><td>" + esc(h.getValue()) + "</td></tr>")
                .collect(Collectors.joining());
        return page(entry.subject(), "<p><a href=\"/dev/inbox\">← inbox</a></p><table>"
                + "<tr><th>To</th><td>" + esc(entry.recipient()) + "</td></tr>"
                + "<tr><th>Subject</th><td>" + esc(entry.subject()) + "</td></tr>"
                + "<tr><th>Message-ID</th><td>" + esc(String.valueOf(entry.providerMessageId())) + "</td></tr>"
                + "<tr><th>Template</th><td>" + esc(entry.template()) + " (" + entry.category() + ")</td></tr>"
                + "<tr><th>Status</th><td>" + entry.status() + ", " + entry.attempts() + " attempt(s)</td></tr>"
                + headers + "</table><h2>HTML part</h2><iframe sandbox title=\"HTML part\" style=\"width:100%;"
                + "height:60em;border:1px solid #ccc\" src=\"/dev/inbox/" + id + "/html\"></iframe>"
                + "<h2>Text part</h2><pre style=\"white-space:pre-wrap\">" + esc(content.text()) + "</pre>");
    }

    @GetMapping(path = "/dev/inbox/{id}/html")
    ResponseEntity<String> html(@PathVariable UUID id) {
        EmailContent content = emails.content(id).orElseThrow(() -> unknown(id));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(HTML))
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'")
                .body(content.html());
    }

    private List<EmailEntry> sent() {
        return emails.page(new EmailFilter(EmailStatus.SENT, null, null, null, null, null), null, SHOWN);
    }

    private static ProblemException unknown(UUID id) {
        return ProblemException.notFound("unknown-email", "no e-mail " + id + " in the log");
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}</style>"
                + "</head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
    }

    /** One caught e-mail in the JSON list. */
    record InboxItem(UUID id, String to, String subject, String template, @Nullable UUID orderId,
            @Nullable Instant sentAt) {

        static InboxItem of(EmailEntry e) {
            return new InboxItem(e.id(), e.recipient(), e.subject(), e.template(), e.orderId(), e.sentAt());
        }
    }
}
