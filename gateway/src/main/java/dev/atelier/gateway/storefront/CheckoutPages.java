package dev.atelier.gateway.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checkout and after: the form (e-mail, address, shipping, card or bank), placing the order with order-service,
 * and the order's page, which follows the saga (it refreshes itself while the order is being placed, then sends
 * the shopper to the payment page) and later shows the paid order with each line's personalisation.
 */
@Controller
class CheckoutPages {

    private final Services services;

    CheckoutPages(Services services) {
        this.services = services;
    }

    @GetMapping("/checkout")
    Mono<String> checkout(Model model, ServerWebExchange exchange) {
        return services.get("cart", "/api/cart", exchange).map(answer -> {
            model.addAttribute("cart", answer.body());
            model.addAttribute("form", Map.of("country", "GB", "shippingOption", "standard", "paymentMethod", "card"));
            model.addAttribute("errors", Map.of());
            return "checkout";
        });
    }

    @PostMapping("/checkout")
    Mono<String> place(Model model, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("name", CartPages.first(form, "name"));
            address.put("line1", CartPages.first(form, "line1"));
            address.put("line2", blankToNull(CartPages.first(form, "line2")));
            address.put("city", CartPages.first(form, "city"));
            address.put("postcode", CartPages.first(form, "postcode"));
            address.put("country", CartPages.first(form, "country").isBlank() ? "GB" : CartPages.first(form, "country"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", CartPages.first(form, "email"));
            body.put("shippingAddress", address);
            body.put("shippingOption", CartPages.first(form, "shippingOption"));
            body.put("paymentMethod", CartPages.first(form, "paymentMethod"));
            body.put("giftCardCode", blankToNull(CartPages.first(form, "giftCardCode")));
            return services.sendSlow("order", "POST", "/api/checkout", body, exchange).flatMap(answer -> {
                if (answer.ok()) {
                    // the wait page follows the saga and sends the shopper on to the payment page
                    return Mono.just("redirect:/orders/" + answer.body().get("orderId") + "/wait?token="
                            + CatalogPages.encode(String.valueOf(answer.body().get("orderToken"))));
                }
                return services.get("cart", "/api/cart", exchange).map(cart -> {
                    exchange.getResponse().setStatusCode(answer.status() >= 500 ? HttpStatus.SERVICE_UNAVAILABLE
                            : HttpStatus.BAD_REQUEST);
                    model.addAttribute("cart", cart.body());
                    model.addAttribute("form", form.toSingleValueMap());
                    model.addAttribute("message", answer.detail());
                    model.addAttribute("errors", fieldErrors(answer.list("errors")));
                    return "checkout";
                });
            });
        });
    }

    @GetMapping("/orders/{orderId}")
    Mono<String> order(@PathVariable String orderId, @RequestParam(required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String cancelled, Model model, ServerWebExchange exchange) {
        ServerWebExchange withToken = token == null ? exchange : exchange.mutate()
                .request(r -> r.headers(h -> h.set("X-Order-Token", token))).build();
        // a signed-in shopper's own order is found by their token; a guest's by the order token of the link
        Mono<String> path = token != null ? Mono.just("/api/orders/")
                : exchange.getPrincipal().map(signedIn -> "/api/account/orders/").defaultIfEmpty("/api/orders/");
        return path.flatMap(base -> services.get("order", base + CatalogPages.encode(orderId), withToken))
                .map(answer -> {
            if (!answer.ok()) {
                exchange.getResponse().setStatusCode(answer.status() == 404 ? HttpStatus.NOT_FOUND
                        : HttpStatus.SERVICE_UNAVAILABLE);
                model.addAttribute("message", answer.status() == 404
                        ? "We could not find that order. Check the link in your confirmation e-mail."
                        : answer.detail());
                return "not-found";
            }
            Map<String, Object> order = answer.body();
            String status = String.valueOf(order.get("status"));
            model.addAttribute("order", order);
            model.addAttribute("token", token);
            boolean waiting = status.equals("PLACED");
            if (waiting) {
                exchange.getResponse().getHeaders().set("Refresh", "2");
            }
            model.addAttribute("waiting", waiting);
            model.addAttribute("payNow", status.equals("AWAITING_PAYMENT") ? order.get("paymentRedirectUrl") : null);
            // while the order still moves (back from the payment page before its answer arrived), the page follows it
            model.addAttribute("followUrl", token != null && !WaitPages.settled(status)
                    ? WaitPages.eventsUrl(orderId, token) : null);
            // the payment page's cancel button (or a declined payment) comes back with ?cancelled=true
            return "true".equals(cancelled) ? "payment-cancelled" : "order";
        });
    }

    private static Map<String, String> fieldErrors(List<Map<String, Object>> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (Map<String, Object> error : errors) {
            String field = String.valueOf(error.get("field"));
            byField.putIfAbsent(field.replace("shippingAddress.", ""), String.valueOf(error.get("message")));
        }
        return byField;
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
