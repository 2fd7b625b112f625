package dev.atelier.notification.email.web;

import dev.atelier.notification.email.EmailContent;
import dev.atelier.notification.email.EmailEntry;
import dev.atelier.notification.email.EmailFilter;
import dev.atelier.notification.email.EmailLog;
import dev.atelier.notification.email.EmailNotRetryableException;
import dev.atelier.notification.email.EmailStatus;
import dev.atelier.notification.email.UnknownEmailException;
import dev.atelier.web.Actors;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff's view of the e-mail log: list with filters, newest first, one e-mail with its content, and retry. */
@RestController
@RequestMapping("/api/admin/notifications/emails")
class EmailAdminController {

    private static final Logger log = LoggerFactory.getLogger(EmailAdminController.class);

    /** Templates whose body is a bearer secret (a gift card's code): staff see that the e-mail went, not what it says. */
    private static final Set<String> SECRET_BODIES = Set.of("gift-card");
    static final String WITHHELD = "(withheld: this e-mail carries a secret that only its recipient may read)";

    private final EmailLog emails;
    private final Cursors cursors;

    EmailAdminController(EmailLog emails, Cursors cursors) {
        this.emails = emails;
        this.cursors = cursors;
    }

    @GetMapping
    CursorPage<EmailView> list(@RequestParam(required = false) @Nullable EmailStatus status,
            @RequestParam(required = false) @Nullable String template,
            @RequestParam(required = false) @Nullable String recipient,
            @RequestParam(required = false) @Nullable UUID orderId,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.validation(List.of(new FieldProblem("to", "must be after from")));
        }
        int size = Cursors.limit(limit, 50, 200);
        String after = cursors.decode(cursor);
        List<EmailView> fetched = emails.page(new EmailFilter(status, blankToNull(template), blankToNull(recipient),
                        orderId, from, to), after == null ? null : UUID.fromString(after), size + 1)
                .stream().map(EmailView::of).toList();
        return CursorPage.of(fetched, size, v -> v.id().toString(), cursors);
    }

    @GetMapping("/{id}")
    EmailDetail get(@PathVariable UUID id) {
        EmailEntry entry = emails.find(id).orElseThrow(() -> unknown(id));
        EmailContent content = emails.content(id).orElseThrow(() -> unknown(id));
        if (SECRET_BODIES.contains(entry.template())) {
            return new EmailDetail(EmailView.of(entry), content.headers(), WITHHELD, WITHHELD);
        }
        return new EmailDetail(EmailView.of(entry), content.headers(), content.text(), content.html());
    }

    @PostMapping("/{id}/retry")
    EmailView retry(@PathVariable UUID id,
            @RequestHeader(name = Actors.HEADER, required = false) @Nullable String actor) {
        try {
            EmailView retried = EmailView.of(emails.retry(id));
            log.info("{} queued e-mail {} ({}) again after {} attempt(s)", Actors.of(actor), id, retried.template(),
                    retried.attempts());
            return retried;
        } catch (UnknownEmailException e) {
            throw unknown(id);
        } catch (EmailNotRetryableException e) {
            throw ProblemException.conflict("email-not-retryable", e.getMessage())
                    .with("status", e.email().status().name());
        }
    }

    private static ProblemException unknown(UUID id) {
        return ProblemException.notFound("unknown-email", "no e-mail " + id + " in the log");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One e-mail with what it says. */
    record EmailDetail(EmailView email, Map<String, String> headers, String text, String html) {
    }
}
