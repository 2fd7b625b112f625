package dev.atelier.gateway.storefront;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The cart as plain HTML forms (it works without JavaScript): add a line with its personalisation, change a
 * quantity, remove a line, apply a coupon, gift options. Each form posts here, the storefront calls cart-service's
 * API with the shopper's {@code cart_id} cookie and redirects back (post/redirect/get), carrying a refusal's
 * message to the page.
 */
@Controller
class CartPages {

    static final String PERSONALISATION_PREFIX = "personalisation.";

    private final Services services;

    CartPages(Services services) {
        this.services = services;
    }

    @GetMapping("/cart")
    Mono<String> cart(Model model, ServerWebExchange exchange) {
        return services.get("cart", "/api/cart", exchange).map(answer -> {
            model.addAttribute("cart", answer.ok() ? answer.body() : Map.of());
            model.addAttribute("message", answer.ok() ? flash(exchange) : answer.detail());
            return "cart";
        });
    }

    @PostMapping("/cart/items")
    Mono<String> add(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> personalisation = new LinkedHashMap<>();
            form.forEach((name, values) -> {
                if (name.startsWith(PERSONALISATION_PREFIX) && !values.isEmpty() && !values.getFirst().isBlank()) {
                    personalisation.put(name.substring(PERSONALISATION_PREFIX.length()), values.getFirst());
                }
            });
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", first(form, "sku"));
            line.put("quantity", quantity(first(form, "quantity")));
            line.put("personalisation", personalisation);
            // the picture of the preview the shopper saw (the product page's script uploads it before posting)
            String preview = first(form, "preview");
            if (preview.matches("[0-9a-fA-F-]{36}")) {
                line.put("preview", preview);
            }
            String back = "/products/" + CatalogPages.encode(first(form, "slug"));
            return services.send("cart", "POST", "/api/cart/items", line, exchange).map(answer -> answer.ok()
                    ? "redirect:/cart" : "redirect:" + back + "?error=" + CatalogPages.encode(answer.detail()));
        });
    }

    @PostMapping("/cart/items/{lineId}")
    Mono<String> update(@PathVariable String lineId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            boolean remove = form.containsKey("remove") || "0".equals(first(form, "quantity"));
            Mono<Services.ServiceAnswer> call = remove
                    ? services.send("cart", "DELETE", "/api/cart/items/" + CatalogPages.encode(lineId), null, exchange)
                    : services.send("cart", "PATCH", "/api/cart/items/" + CatalogPages.encode(lineId),
                            Map.of("quantity", quantity(first(form, "quantity"))), exchange);
            return call.map(CartPages::backToCart);
        });
    }

    @PostMapping("/cart/coupon")
    Mono<String> coupon(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> (form.containsKey("remove")
                ? services.send("cart", "DELETE", "/api/cart/coupon", null, exchange)
                : services.send("cart", "POST", "/api/cart/coupon", Map.of("code", first(form, "code")), exchange))
                .map(CartPages::backToCart));
    }

    @PostMapping("/cart/gift")
    Mono<String> gift(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> gift = new LinkedHashMap<>();
            gift.put("wrap", form.containsKey("wrap"));
            gift.put("message", first(form, "message").isBlank() ? null : first(form, "message"));
            gift.put("hidePrices", form.containsKey("hidePrices"));
            return services.send("cart", "PUT", "/api/cart/gift", gift, exchange).map(CartPages::backToCart);
        });
    }

    private static String backToCart(Services.ServiceAnswer answer) {
        return answer.ok() ? "redirect:/cart" : "redirect:/cart?error=" + CatalogPages.encode(answer.detail());
    }

    private static String flash(ServerWebExchange exchange) {
        return exchange.getRequest().getQueryParams().getFirst("error");
    }

    static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static Object quantity(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
