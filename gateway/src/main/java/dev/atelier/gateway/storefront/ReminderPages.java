package dev.atelier.gateway.storefront;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Occasion reminders (customer-service's {@code /api/account/reminders}): for whom, which occasion, the day of the
 * year (month and day, no year: a birthday's year is nobody's business) and how many days before to be reminded.
 */
@Controller
class ReminderPages {

    static final String PAGE = "/account/reminders";
    private static final Map<String, String> NOTICES = Map.of("added", "Reminder saved.",
            "deleted", "Reminder deleted.");
    /** customer-service's occasions, as a shopper reads them. */
    static final Map<String, String> OCCASIONS = occasions();
    static final List<Map.Entry<String, String>> MONTHS = months();

    private final AccountList list;

    ReminderPages(Services services) {
        this.list = new AccountList(services, "reminders", NOTICES, ReminderPages::shown,
                Map.of("occasions", OCCASIONS, "months", MONTHS));
    }

    @GetMapping(PAGE)
    Mono<String> reminders(Model model, ServerWebExchange exchange) {
        return list.show(model, exchange, Map.of("daysBefore", "7"));
    }

    @PostMapping(PAGE)
    Mono<String> add(Model model, ServerWebExchange exchange) {
        return list.add(model, exchange, ReminderPages::reminder);
    }

    @PostMapping(PAGE + "/{id}/delete")
    Mono<String> delete(@PathVariable String id, ServerWebExchange exchange) {
        return list.delete(id, exchange);
    }

    /** The day in words and the occasion's name beside the API's values. */
    private static Map<String, Object> shown(Map<String, Object> reminder) {
        Map<String, Object> shown = new LinkedHashMap<>(reminder);
        shown.put("day", day(reminder.get("date")));
        shown.put("occasionName", OCCASIONS.getOrDefault(String.valueOf(reminder.get("occasion")),
                String.valueOf(reminder.get("occasion"))));
        return shown;
    }

    /** The day as the API wants it ({@code MM-DD}); the form has a month and a day list. */
    private static Map<String, Object> reminder(MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("forWhom", CartPages.first(form, "forWhom"));
        body.put("occasion", CartPages.first(form, "occasion"));
        body.put("date", twoDigits(CartPages.first(form, "month")) + "-" + twoDigits(CartPages.first(form, "day")));
        String days = CartPages.first(form, "daysBefore");
        body.put("daysBefore", days.matches("\\d{1,3}") ? Integer.parseInt(days) : days);
        return body;
    }

    private static String twoDigits(String value) {
        return value.length() == 1 ? "0" + value : value;
    }

    /** {@code 03-14} as "14 March", for the list. */
    static String day(@Nullable Object monthDay) {
        String text = String.valueOf(monthDay);
        if (!text.matches("\\d{2}-\\d{2}")) {
            return text;
        }
        Month month = Month.of(Integer.parseInt(text.substring(0, 2)));
        return Integer.parseInt(text.substring(3)) + " " + month.getDisplayName(TextStyle.FULL, Locale.UK);
    }

    private static Map<String, String> occasions() {
        Map<String, String> occasions = new LinkedHashMap<>();
        occasions.put("BIRTHDAY", "Birthday");
        occasions.put("ANNIVERSARY", "Anniversary");
        occasions.put("CHRISTMAS", "Christmas");
        occasions.put("MOTHERS_DAY", "Mother’s Day");
        occasions.put("FATHERS_DAY", "Father’s Day");
        occasions.put("VALENTINES", "Valentine’s Day");
        occasions.put("OTHER", "Another occasion");
        return occasions;
    }

    private static List<Map.Entry<String, String>> months() {
        return java.util.Arrays.stream(Month.values()).map(month -> Map.entry(
                String.format("%02d", month.getValue()), month.getDisplayName(TextStyle.FULL, Locale.UK))).toList();
    }
}
