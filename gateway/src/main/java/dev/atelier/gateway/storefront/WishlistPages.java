package dev.atelier.gateway.storefront;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The shopper's wishlist (customer-service's {@code /api/account/wishlist}): what they saved with today's price
 * (and the price when they saved it, when it changed), removable; and the product page's "Add to wishlist"
 * button, which posts the chosen variant here and goes back to the product.
 */
@Controller
class WishlistPages {

    static final String PAGE = "/account/wishlist";
    private static final Map<String, String> NOTICES = Map.of("removed", "Removed from your wishlist.");

    private final Services services;

    WishlistPages(Services services) {
        this.services = services;
    }

    @GetMapping(PAGE)
    Mono<String> wishlist(Model model, ServerWebExchange exchange) {
        Flash.read(exchange, model, NOTICES);
        return services.get("customer", "/api/account/wishlist", exchange).map(answer -> {
            model.addAttribute("section", "wishlist");
            model.addAttribute("items", Flash.itemsOr(answer));
            model.addAttribute("listMessage", answer.ok() ? null : answer.detail());
            return "account-wishlist";
        });
    }

    /** From the product page: the variant chosen there; back to it with what happened. */
    @PostMapping(PAGE)
    Mono<String> add(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String slug = CartPages.first(form, "slug");
            String back = slug.isEmpty() ? PAGE : "/products/" + CatalogPages.encode(slug);
            return services.send("customer", "POST", "/api/account/wishlist",
                            Map.of("sku", CartPages.first(form, "sku")), exchange)
                    .map(answer -> answer.ok() ? "redirect:" + back + "?wishlisted"
                            : "redirect:" + back + "?error=" + CatalogPages.encode(answer.detail()));
        });
    }

    @PostMapping(PAGE + "/{sku}/remove")
    Mono<String> remove(@PathVariable String sku, ServerWebExchange exchange) {
        return services.send("customer", "DELETE", "/api/account/wishlist/" + CatalogPages.encode(sku), null,
                exchange).map(answer -> Flash.after(answer, PAGE, "removed"));
    }
}
