package dev.atelier.gateway.storefront;

import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The signed-in shopper's account page: their profile (customer-service's {@code /api/account/profile}, the name
 * can be changed) and their orders (order-service's {@code /api/account/orders}), both called with their access
 * token, and the way to the other account pages. Only signed-in shoppers get here; the edge sends anyone else to
 * sign in first.
 */
@Controller
class AccountPages {

    private static final Map<String, String> NOTICES = Map.of("name", "Your name is changed.");

    private final Services services;

    AccountPages(Services services) {
        this.services = services;
    }

    @GetMapping("/account")
    Mono<String> account(@AuthenticationPrincipal OidcUser user, Model model, ServerWebExchange exchange) {
        model.addAttribute("me", PageModel.Shopper.of(user));
        model.addAttribute("section", "overview");
        Flash.read(exchange, model, NOTICES);
        return Mono.zip(services.get("order", "/api/account/orders?limit=20", exchange),
                        services.get("customer", "/api/account/profile", exchange))
                .map(answers -> {
                    ServiceAnswer orders = answers.getT1();
                    ServiceAnswer profile = answers.getT2();
                    model.addAttribute("orders", Flash.itemsOr(orders));
                    model.addAttribute("ordersMessage", orders.ok() ? null : orders.detail());
                    model.addAttribute("profile", profile.ok() ? profile.body() : null);
                    model.addAttribute("profileMessage", profile.ok() ? null : profile.detail());
                    model.addAttribute("errors", Map.of());
                    return "account";
                });
    }

    @PostMapping("/account/profile")
    Mono<String> changeName(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> services.send("customer", "PUT", "/api/account/profile",
                        Map.of("displayName", CartPages.first(form, "displayName")), exchange)
                .map(answer -> Flash.after(answer, "/account", "name")));
    }
}
