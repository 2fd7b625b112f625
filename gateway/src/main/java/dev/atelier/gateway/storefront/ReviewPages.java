package dev.atelier.gateway.storefront;

import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.util.LinkedHashMap;
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
 * A product's reviews (catalog-service's published store reviews, newest first): the first page on the product's
 * own page, the rest on {@code /products/{slug}/reviews} a page at a time (plain links, the cursor in the address),
 * and the form a signed-in shopper writes one with ({@code /api/account/reviews}; catalog keeps it pending until
 * staff publish it, and refuses a second review of the same product). The average and count shown are the product's
 * {@code rating}, the same figures as its JSON-LD AggregateRating.
 */
@Controller
class ReviewPages {

    static final int ON_PRODUCT_PAGE = 5;
    static final int PER_PAGE = 10;

    private final Services services;

    ReviewPages(Services services) {
        this.services = services;
    }

    /** The first reviews of a product, for its page. */
    Mono<ServiceAnswer> firstPage(String slug) {
        return services.shared("catalog", "/api/catalog/products/" + CatalogPages.encode(slug) + "/reviews?limit="
                + ON_PRODUCT_PAGE);
    }

    /** What the reviews fragment needs from an answer of the reviews API. */
    static void show(Model model, ServiceAnswer reviews) {
        model.addAttribute("reviews", Flash.itemsOr(reviews));
        model.addAttribute("reviewsNext", reviews.ok() ? reviews.body().get("nextCursor") : null);
        // a product catalog does not know has no reviews; only a catalog that does not answer is worth a word
        model.addAttribute("reviewsMessage", reviews.status() >= 500 ? "Reviews are not available just now." : null);
    }

    @GetMapping("/products/{slug}/reviews")
    Mono<String> reviews(@PathVariable String slug, @RequestParam(required = false) @Nullable String cursor,
            Model model, ServerWebExchange exchange) {
        String path = "/api/catalog/products/" + CatalogPages.encode(slug) + "/reviews?limit=" + PER_PAGE
                + (cursor == null ? "" : "&cursor=" + CatalogPages.encode(cursor));
        return Mono.zip(services.get("catalog", "/api/catalog/products/" + CatalogPages.encode(slug), exchange),
                        services.get("catalog", path, exchange))
                .map(answers -> {
                    ServiceAnswer product = answers.getT1();
                    if (!product.ok() || answers.getT2().status() == 404) {
                        exchange.getResponse().setStatusCode(product.status() == 404 || product.ok()
                                ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE);
                        model.addAttribute("message", product.status() == 404 || product.ok()
                                ? "We could not find that product. It may have sold out for good or moved."
                                : product.detail());
                        return "not-found";
                    }
                    if (answers.getT2().status() == 400) {
                        // a cursor this store never handed out: start from the newest again
                        return "redirect:/products/" + CatalogPages.encode(slug) + "/reviews";
                    }
                    model.addAttribute("product", product.body());
                    model.addAttribute("later", cursor != null);
                    show(model, answers.getT2());
                    return "reviews";
                });
    }

    /** A signed-in shopper's review (the edge asks anyone else to sign in first, as for every account path). */
    @PostMapping("/account/reviews")
    Mono<String> write(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String slug = CartPages.first(form, "productSlug");
            Map<String, @Nullable Object> review = new LinkedHashMap<>();
            review.put("productSlug", slug);
            String rating = CartPages.first(form, "rating");
            review.put("rating", rating.matches("[1-5]") ? Integer.parseInt(rating) : null);
            review.put("title", blankToNull(CartPages.first(form, "title")));
            review.put("text", CartPages.first(form, "text"));
            review.put("authorName", blankToNull(CartPages.first(form, "authorName")));
            String back = "/products/" + CatalogPages.encode(slug);
            return services.send("catalog", "POST", "/api/account/reviews", review, exchange)
                    .map(answer -> answer.ok() ? "redirect:" + back + "?reviewed#reviews"
                            : "redirect:" + back + "?reviewError=" + CatalogPages.encode(readable(answer))
                                    + "#write-review");
        });
    }

    /** The problem in words; a second review of a product is not an error to the shopper. */
    private static String readable(ServiceAnswer answer) {
        return answer.status() == 409 ? "You have already reviewed this product. Thank you!" : Flash.readable(answer);
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
