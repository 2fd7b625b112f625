package dev.atelier.gateway.storefront;

import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.server.ServerWebExchange;

/**
 * Post/redirect/get for the account's (and the review) forms: after a form's call the browser is sent back to the page with
 * {@code ?done=<what>} (a fixed message the page knows, so no link can put words in the store's mouth) or
 * {@code ?error=<the service's detail>}, as the basket does; and a refusal with field errors (problem+json
 * {@code errors [{field, message}]}) becomes a map the form shows beside each field.
 */
final class Flash {

    private Flash() {
    }

    /** Where to send the browser after a call: back to {@code page} with what happened. */
    static String after(ServiceAnswer answer, String page, String done) {
        return answer.ok() ? "redirect:" + page + "?done=" + done
                : "redirect:" + page + "?error=" + CatalogPages.encode(readable(answer));
    }

    /** A refusal in words: the first field's message when the problem names fields, else its detail. */
    static String readable(ServiceAnswer answer) {
        return answer.list("errors").stream().findFirst()
                .map(error -> LABELS.getOrDefault(String.valueOf(error.get("field")), String.valueOf(error.get("field")))
                        + ": " + error.get("message"))
                .orElse(answer.detail());
    }

    /** The account forms' fields as their labels name them. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("displayName", "Your name"),
            Map.entry("name", "Full name"), Map.entry("line1", "Address line 1"), Map.entry("city", "Town or city"),
            Map.entry("postcode", "Postcode"), Map.entry("forWhom", "Who it is for"),
            Map.entry("date", "Day of the year"), Map.entry("daysBefore", "Days before"), Map.entry("sku", "Product"),
            Map.entry("rating", "Your rating"), Map.entry("text", "Your review"), Map.entry("title", "Title"),
            Map.entry("authorName", "Name shown"));

    /** Puts {@code notice} (a known {@code done} message) and {@code message} (an error) in the model. */
    static void read(ServerWebExchange exchange, Model model, Map<String, String> notices) {
        String done = exchange.getRequest().getQueryParams().getFirst("done");
        model.addAttribute("notice", done == null ? null : notices.get(done));
        model.addAttribute("message", exchange.getRequest().getQueryParams().getFirst("error"));
    }

    /** The problem's field errors by field name (the first message per field). */
    static Map<String, String> fieldErrors(ServiceAnswer answer) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (Map<String, Object> error : answer.list("errors")) {
            byField.putIfAbsent(String.valueOf(error.get("field")), String.valueOf(error.get("message")));
        }
        return byField;
    }

    /** A refused form's status: the service's 4xx as a 400 (or 409 for a limit), a service down as a 503. */
    static HttpStatus statusOf(ServiceAnswer answer) {
        if (answer.status() >= 500) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return answer.status() == 409 ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }

    /** A list answer's items, or none when the service refused (the page then says why). */
    static List<Map<String, Object>> itemsOr(ServiceAnswer answer) {
        return answer.ok() ? answer.items() : List.of();
    }
}
