package dev.atelier.gateway.storefront;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
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
 * The shopper's saved addresses (customer-service's {@code /api/account/addresses}): the list with the default
 * first, a form to add one (the service checks and normalises the UK postcode; its messages appear beside the
 * fields, the shopper's input kept), and buttons to make one the default or delete it.
 */
@Controller
class AddressPages {

    static final String PAGE = "/account/addresses";
    private static final Map<String, String> NOTICES = Map.of("added", "Address saved.",
            "default", "Default address changed.", "deleted", "Address deleted.");

    private final AccountList list;

    AddressPages(Services services) {
        this.list = new AccountList(services, "addresses", NOTICES, UnaryOperator.identity(), Map.of());
    }

    @GetMapping(PAGE)
    Mono<String> addresses(Model model, ServerWebExchange exchange) {
        return list.show(model, exchange, Map.of());
    }

    @PostMapping(PAGE)
    Mono<String> add(Model model, ServerWebExchange exchange) {
        return list.add(model, exchange, AddressPages::address);
    }

    @PostMapping(PAGE + "/{id}/default")
    Mono<String> makeDefault(@PathVariable String id, ServerWebExchange exchange) {
        return list.change("PUT", id, "/default", "default", exchange);
    }

    @PostMapping(PAGE + "/{id}/delete")
    Mono<String> delete(@PathVariable String id, ServerWebExchange exchange) {
        return list.delete(id, exchange);
    }

    private static Map<String, @Nullable Object> address(MultiValueMap<String, String> form) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("name", CartPages.first(form, "name"));
        body.put("line1", CartPages.first(form, "line1"));
        String line2 = CartPages.first(form, "line2");
        body.put("line2", line2.isBlank() ? null : line2);
        body.put("city", CartPages.first(form, "city"));
        body.put("postcode", CartPages.first(form, "postcode"));
        body.put("country", "GB");
        body.put("isDefault", form.containsKey("isDefault"));
        return body;
    }
}
