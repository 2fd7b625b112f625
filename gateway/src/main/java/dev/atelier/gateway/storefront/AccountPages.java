package dev.atelier.gateway.storefront;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The signed-in shopper's account page: who they are and their orders (order-service's
 * {@code /api/account/orders}, called with their access token). Only signed-in shoppers get here; the edge sends
 * anyone else to sign in first.
 */
@Controller
class AccountPages {

    private final Services services;

    AccountPages(Services services) {
        this.services = services;
    }

    @GetMapping("/account")
    Mono<String> account(@AuthenticationPrincipal OidcUser user, Model model, ServerWebExchange exchange) {
        model.addAttribute("me", PageModel.Shopper.of(user));
        return services.get("order", "/api/account/orders?limit=20", exchange).map(answer -> {
            model.addAttribute("orders", answer.ok() ? answer.items() : java.util.List.of());
            model.addAttribute("ordersMessage", answer.ok() ? null : answer.detail());
            return "account";
        });
    }
}
