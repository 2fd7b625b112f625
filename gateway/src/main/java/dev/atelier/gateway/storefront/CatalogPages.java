package dev.atelier.gateway.storefront;

import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Browsing: the home page, categories and occasions, search, and a product's page. */
@Controller
class CatalogPages {

    private final Services services;
    private final ReviewPages reviews;

    private final String publicUrl;

    CatalogPages(Services services, ReviewPages reviews,
            @org.springframework.beans.factory.annotation.Value("${atelier.storefront.public-url:http://localhost:8080}")
            String publicUrl) {
        this.services = services;
        this.reviews = reviews;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/")
    Mono<String> home(Model model, ServerWebExchange exchange) {
        // the same for every shopper: shared for a few seconds (Services.shared), not asked four times a page
        return Mono.zip(
                        services.shared("catalog", "/api/catalog/products?sort=bestselling&limit=8"),
                        services.shared("catalog", "/api/catalog/products?sort=newest&limit=8"),
                        services.shared("catalog", "/api/catalog/categories"),
                        services.shared("catalog", "/api/catalog/occasions"))
                .map(answers -> {
                    model.addAttribute("bestsellers", answers.getT1().items());
                    model.addAttribute("newest", answers.getT2().items());
                    model.addAttribute("categories", listOf(answers.getT3()));
                    model.addAttribute("occasions", listOf(answers.getT4()));
                    model.addAttribute("unavailable", !answers.getT1().ok());
                    model.addAttribute("canonical", publicUrl + "/");
                    model.addAttribute("jsonLd", java.util.List.of(StructuredData.organisation(publicUrl)));
                    return "home";
                });
    }

    @GetMapping("/categories/{slug}")
    Mono<String> category(@PathVariable String slug, @RequestParam(required = false) @Nullable String cursor,
            Model model, ServerWebExchange exchange) {
        return listing("category", slug, cursor, model, exchange);
    }

    @GetMapping("/occasions/{slug}")
    Mono<String> occasion(@PathVariable String slug, @RequestParam(required = false) @Nullable String cursor,
            Model model, ServerWebExchange exchange) {
        return listing("occasion", slug, cursor, model, exchange);
    }

    @GetMapping("/search")
    Mono<String> search(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor, Model model, ServerWebExchange exchange) {
        model.addAttribute("q", q == null ? "" : q);
        if (q == null || q.isBlank()) {
            model.addAttribute("heading", "Search");
            model.addAttribute("items", java.util.List.of());
            model.addAttribute("facets", java.util.List.of());
            model.addAttribute("active", java.util.List.of());
            return Mono.just("listing");
        }
        return listing("q", q, cursor, model, exchange);
    }

    /**
     * A listing with its facets: catalog's page and its facet counts for the same filters, the facets as a GET form
     * (radios and checkboxes, which work without JavaScript), the chosen filters each with a link that removes it.
     */
    private Mono<String> listing(String base, String value, @Nullable String cursor, Model model,
            ServerWebExchange exchange) {
        var parameters = exchange.getRequest().getQueryParams();
        ListingFilters filters = ListingFilters.of(exchange.getRequest().getPath().value(), base, value, parameters);
        if (ListingFilters.untidy(parameters, filters)) {
            // the form's "Any" sends an empty value: one listing, one address
            return Mono.just("redirect:" + filters.url());
        }
        String query = filters.catalogQuery();
        // a listing is the same for every shopper who asks for it: shared (SharedReads), not asked once per page
        return Mono.zip(services.shared("catalog", "/api/catalog/products?limit=24&" + query
                                + (cursor == null ? "" : "&cursor=" + encode(cursor))),
                        services.shared("catalog", "/api/catalog/facets?" + query))
                .map(answers -> {
                    ServiceAnswer page = answers.getT1();
                    if (page.status() == 400 || page.status() == 404) {
                        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                    } else if (!page.ok()) {
                        // the page says what went wrong, but it is not the listing: browsers, crawlers and monitors
                        // see the failure, and a shopper is told when to try again
                        exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                    }
                    java.util.List<ListingFilters.Facet> facets = answers.getT2().ok()
                            ? filters.facets(answers.getT2().body()) : java.util.List.of();
                    model.addAttribute("heading", heading(base, value, answers.getT2()));
                    model.addAttribute("items", page.items());
                    model.addAttribute("search", page.body().get("search"));
                    model.addAttribute("message", page.ok() ? page.body().get("message") : page.detail());
                    model.addAttribute("filters", filters);
                    model.addAttribute("facets", facets);
                    model.addAttribute("active", filters.active(facets));
                    model.addAttribute("total", answers.getT2().body().get("total"));
                    model.addAttribute("action", exchange.getRequest().getPath().value());
                    if (!base.equals("q")) {
                        // every filtered or paged view of a category or occasion names the page itself for search
                        // engines: the facets multiply addresses, not content
                        model.addAttribute("canonical", publicUrl + exchange.getRequest().getPath().value());
                    }
                    model.addAttribute("nextUrl", page.body().get("nextCursor") == null ? null
                            : filters.next(String.valueOf(page.body().get("nextCursor"))));
                    return "listing";
                });
    }

    @GetMapping("/products/{slug}")
    Mono<String> product(@PathVariable String slug, Model model, ServerWebExchange exchange) {
        return Mono.zip(services.shared("catalog", "/api/catalog/products/" + encode(slug)),
                reviews.firstPage(slug)).map(answers -> {
            Services.ServiceAnswer answer = answers.getT1();
            ReviewPages.show(model, answers.getT2());
            if (!answer.ok()) {
                exchange.getResponse().setStatusCode(answer.status() == 404 ? HttpStatus.NOT_FOUND
                        : HttpStatus.SERVICE_UNAVAILABLE);
                model.addAttribute("message", answer.status() == 404
                        ? "We could not find that product. It may have sold out for good or moved."
                        : answer.detail());
                return "not-found";
            }
            Map<String, Object> product = answer.body();
            model.addAttribute("product", product);
            // a photo option makes the form multipart, so that the photo goes with it when the page's script is off
            model.addAttribute("takesPhoto", product.get("personalisationOptions") instanceof java.util.List<?> options
                    && options.stream().anyMatch(o -> o instanceof Map<?, ?> option && "IMAGE".equals(option.get("type"))));
            String canonical = publicUrl + "/products/" + product.get("slug");
            model.addAttribute("canonical", canonical);
            model.addAttribute("ogType", "product");
            if (product.get("images") instanceof java.util.List<?> images && !images.isEmpty()
                    && images.getFirst() instanceof Map<?, ?> image && image.get("url") != null) {
                String url = image.get("url").toString();
                model.addAttribute("ogImage", url.startsWith("http") ? url : publicUrl + url + "?size=800");
            }
            java.util.List<Map.Entry<String, String>> trail = new java.util.ArrayList<>();
            trail.add(Map.entry("Home", "/"));
            if (product.get("category") instanceof Map<?, ?> category) {
                trail.add(Map.entry(String.valueOf(category.get("name")), "/categories/" + category.get("slug")));
            }
            trail.add(Map.entry(String.valueOf(product.get("name")), "/products/" + product.get("slug")));
            model.addAttribute("jsonLd", java.util.List.of(StructuredData.product(product, publicUrl),
                    StructuredData.breadcrumbs(trail, publicUrl)));
            model.addAttribute("added", exchange.getRequest().getQueryParams().getFirst("added") != null);
            return "product";
        });
    }

    private static String heading(String base, String value, ServiceAnswer facets) {
        String list = base.equals("category") ? "categories" : base.equals("occasion") ? "occasions" : null;
        if (list != null) {
            for (Map<String, Object> count : facets.list(list)) {
                if (value.equals(count.get("value"))) {
                    return String.valueOf(count.get("label"));
                }
            }
            return value.replace('-', ' ');
        }
        return "Results for “" + value + "”";
    }

    private static Object listOf(ServiceAnswer answer) {
        return answer.items();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
