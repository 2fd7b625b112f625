package dev.atelier.notification.subscription.web;

import dev.atelier.notification.subscription.Subscriptions;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A guest's subscription to marketing mail: {@code POST /api/notifications/subscriptions {email}} sends the
 * confirmation e-mail (always 202 with the same body, whether or not one was sent); the link in it opens a page
 * with one button (a GET never confirms: mail scanners follow links), which POSTs to confirm.
 */
@RestController
class SubscriptionController {

    private static final String HTML = "text/html;charset=UTF-8";
    // pragmatic: one @, no spaces or controls, a dot in the domain; the confirmation mail is the real check
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");
    private static final int MAX_ADDRESS = 254;

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The request body. */
    record SubscriptionRequest(@Nullable String email) {
    }

    /** The answer: the same whatever the address's state. */
    record SubscriptionAnswer(String status, String message) {
    }

    @PostMapping(path = "/api/notifications/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubscriptionAnswer> subscribe(@RequestBody SubscriptionRequest request) {
        String email = request.email() == null ? "" : request.email().strip();
        if (email.isEmpty()) {
            throw ProblemException.validation(List.of(new FieldProblem("email", "is required")));
        }
        if (email.length() > MAX_ADDRESS || !ADDRESS.matcher(email).matches()) {
            throw ProblemException.validation(List.of(new FieldProblem("email", "is not an e-mail address")));
        }
        subscriptions.request(email);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SubscriptionAnswer("confirmation-requested",
                "If this address can receive e-mail, a confirmation link is on its way. Marketing e-mail starts only "
                        + "once it is confirmed."));
    }

    @GetMapping("/subscriptions/confirm")
    ResponseEntity<String> page(@RequestParam String token) {
        Optional<String> address = subscriptions.pending(token);
        if (address.isEmpty()) {
            return invalid();
        }
        return page(HttpStatus.OK, "Confirm your subscription", "<p>Send news, offers and reminders to <strong>"
                + HtmlUtils.htmlEscape(address.get()) + "</strong>? You can unsubscribe in one click from any of our "
                + "e-mails.</p><form method=\"post\" action=\"/subscriptions/confirm?token="
                + HtmlUtils.htmlEscape(token) + "\"><button type=\"submit\">Yes, send me e-mails</button></form>");
    }

    @PostMapping("/subscriptions/confirm")
    ResponseEntity<String> confirm(@RequestParam String token) {
        return switch (subscriptions.confirm(token)) {
            case CONFIRMED -> page(HttpStatus.OK, "Subscribed", "<p>Thank you: your subscription is confirmed. You can "
                    + "unsubscribe in one click from any of our e-mails.</p>");
            case EXPIRED -> page(HttpStatus.BAD_REQUEST, "Link expired", "<p>This confirmation link has expired. "
                    + "Please subscribe again and use the link in the new e-mail.</p>");
            case INVALID -> invalid();
        };
    }

    private static ResponseEntity<String> invalid() {
        return page(HttpStatus.BAD_REQUEST, "Link not valid", "<p>This confirmation link is not valid. Please use the "
                + "link from the most recent e-mail, or subscribe again.</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(HTML))
                .body("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head>"
                        + "<body style=\"font-family:Georgia,serif;max-width:36em;margin:3em auto;padding:0 1em\"><h1>"
                        + title + "</h1>" + body + "</body></html>");
    }
}
