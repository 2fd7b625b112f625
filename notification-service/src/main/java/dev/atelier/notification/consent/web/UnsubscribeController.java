package dev.atelier.notification.consent.web;

import dev.atelier.notification.consent.Unsubscribing;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * One-click unsubscribe without signing in. The link in the e-mail opens a page with one button (a GET never
 * unsubscribes: mail scanners follow links); the button, and mail clients honouring RFC 8058's
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}, POST to the same URL.
 */
@RestController
class UnsubscribeController {

    private static final String HTML = "text/html;charset=UTF-8";

    private final Unsubscribing unsubscribing;

    UnsubscribeController(Unsubscribing unsubscribing) {
        this.unsubscribing = unsubscribing;
    }

    @GetMapping("/unsubscribe")
    ResponseEntity<String> page(@RequestParam String token) {
        Optional<String> address = unsubscribing.addressOf(token);
        if (address.isEmpty()) {
            return invalid();
        }
        return ok(page("Unsubscribe", "<p>Stop marketing e-mails (reminders, offers, baskets you left) to <strong>"
                + HtmlUtils.htmlEscape(address.get()) + "</strong>? E-mails about your orders will still arrive.</p>"
                + "<form method=\"post\" action=\"/unsubscribe?token=" + HtmlUtils.htmlEscape(token) + "\">"
                + "<button type=\"submit\" name=\"List-Unsubscribe\" value=\"One-Click\">Unsubscribe</button></form>"));
    }

    @PostMapping("/unsubscribe")
    ResponseEntity<String> unsubscribe(@RequestParam String token) {
        Optional<String> address = unsubscribing.unsubscribe(token);
        if (address.isEmpty()) {
            return invalid();
        }
        return ok(page("Unsubscribed", "<p><strong>" + HtmlUtils.htmlEscape(address.get())
                + "</strong> will get no more marketing e-mails from us. E-mails about your orders will still arrive.</p>"));
    }

    // whatever the client accepts (a mail provider's one-click POST may ask for anything): the answer is a page
    private static ResponseEntity<String> ok(String page) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(HTML)).body(page);
    }

    private static ResponseEntity<String> invalid() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.parseMediaType(HTML))
                .body(page("Link not valid", "<p>This unsubscribe link is not valid. Please use the link from the "
                        + "most recent e-mail, or reply to it and we will unsubscribe you.</p>"));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head>"
                + "<body style=\"font-family:Georgia,serif;max-width:36em;margin:3em auto;padding:0 1em\"><h1>" + title
                + "</h1>" + body + "</body></html>";
    }
}
