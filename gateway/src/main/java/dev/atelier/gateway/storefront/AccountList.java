package dev.atelier.gateway.storefront;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One list the shopper keeps on their customer-service account ({@code /api/account/<section>}: addresses,
 * reminders), as the account page {@code /account/<section>} shows it: the list, a form to add to it (a refusal comes
 * back with the service's messages beside the fields and the shopper's input kept), and post/redirect/get after an
 * addition or a change to one item. The pages keep their own mappings and say only what differs.
 */
final class AccountList {

    private final Services services;
    private final String section;
    private final Map<String, String> notices;
    private final UnaryOperator<Map<String, Object>> shown;
    private final Map<String, ?> extras;

    /**
     * @param section the list's name: the page's and the API's last path segment, the account menu's section, the
     *                model attribute of the items and the template {@code account-<section>}
     * @param notices the page's messages by {@code done} (see {@link Flash})
     * @param shown   how one item of the API is shown
     * @param extras  what else the page's form needs (choices for its lists)
     */
    AccountList(Services services, String section, Map<String, String> notices,
            UnaryOperator<Map<String, Object>> shown, Map<String, ?> extras) {
        this.services = services;
        this.section = section;
        this.notices = notices;
        this.shown = shown;
        this.extras = extras;
    }

    private String page() {
        return "/account/" + section;
    }

    private String api() {
        return "/api/account/" + section;
    }

    /** The page after a redirect, with an empty form holding {@code defaults}. */
    Mono<String> show(Model model, ServerWebExchange exchange, Map<String, String> defaults) {
        Flash.read(exchange, model, notices);
        return render(model, exchange, defaults, Map.of());
    }

    /**
     * Adds the form's item ({@code body} turns the form into what the API takes): back to the page when the service
     * took it, the page again with the refusal when not.
     */
    Mono<String> add(Model model, ServerWebExchange exchange,
            Function<MultiValueMap<String, String>, Map<String, ?>> body) {
        return exchange.getFormData().flatMap(form -> services.send("customer", "POST", api(), body.apply(form),
                exchange).flatMap(answer -> {
                    if (answer.ok()) {
                        return Mono.just("redirect:" + page() + "?done=added");
                    }
                    exchange.getResponse().setStatusCode(Flash.statusOf(answer));
                    model.addAttribute("message", answer.detail());
                    model.addAttribute("notice", null);
                    return render(model, exchange, form.toSingleValueMap(), Flash.fieldErrors(answer));
                }));
    }

    /** Deletes item {@code id}, then back to the page saying so (or why not). */
    Mono<String> delete(String id, ServerWebExchange exchange) {
        return change("DELETE", id, "", "deleted", exchange);
    }

    /** Calls {@code method} on item {@code id} (and {@code action} below it), then back to the page with {@code done}. */
    Mono<String> change(String method, String id, String action, String done, ServerWebExchange exchange) {
        return services.send("customer", method, api() + "/" + CatalogPages.encode(id) + action, null, exchange)
                .map(answer -> Flash.after(answer, page(), done));
    }

    private Mono<String> render(Model model, ServerWebExchange exchange, Map<String, String> form,
            Map<String, String> errors) {
        return services.get("customer", api(), exchange).map(answer -> {
            List<Map<String, Object>> items = Flash.itemsOr(answer).stream().map(shown).toList();
            model.addAttribute("section", section);
            model.addAttribute(section, items);
            model.addAttribute("listMessage", answer.ok() ? null : answer.detail());
            model.addAllAttributes(extras);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            return "account-" + section;
        });
    }
}
