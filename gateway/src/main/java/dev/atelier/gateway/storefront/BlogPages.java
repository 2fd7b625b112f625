package dev.atelier.gateway.storefront;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The blog, server-rendered from catalog-service's content API ({@code /api/catalog/content/posts}): the list of
 * published posts, newest first, a page at a time (the cursor in the address), and a post's page with its canonical
 * URL, Open Graph article tags and BlogPosting JSON-LD, like the product pages. A post's body is plain text: each
 * blank line starts a paragraph (staff write no HTML that the store would have to trust).
 */
@Controller
class BlogPages {

    private final Services services;
    private final String publicUrl;

    BlogPages(Services services, @Value("${atelier.storefront.public-url:http://localhost:8080}") String publicUrl) {
        this.services = services;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/blog")
    Mono<String> posts(@RequestParam(required = false) @Nullable String cursor, Model model,
            ServerWebExchange exchange) {
        String path = "/api/catalog/content/posts?limit=12" + (cursor == null ? "" : "&cursor="
                + CatalogPages.encode(cursor));
        return services.get("catalog", path, exchange).map(answer -> {
            if (answer.status() == 400) {
                return "redirect:/blog";
            }
            if (!answer.ok()) {
                exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            }
            model.addAttribute("posts", Flash.itemsOr(answer));
            model.addAttribute("nextCursor", answer.ok() ? answer.body().get("nextCursor") : null);
            model.addAttribute("later", cursor != null);
            model.addAttribute("message", answer.ok() ? null : answer.detail());
            model.addAttribute("canonical", publicUrl + "/blog" + (cursor == null ? ""
                    : "?cursor=" + CatalogPages.encode(cursor)));
            model.addAttribute("jsonLd", List.of(StructuredData.breadcrumbs(
                    List.of(Map.entry("Home", "/"), Map.entry("Journal", "/blog")), publicUrl)));
            return "blog";
        });
    }

    @GetMapping("/blog/{slug}")
    Mono<String> post(@PathVariable String slug, Model model, ServerWebExchange exchange) {
        return services.get("catalog", "/api/catalog/content/posts/" + CatalogPages.encode(slug), exchange)
                .map(answer -> {
                    if (!answer.ok()) {
                        exchange.getResponse().setStatusCode(answer.status() == 404 ? HttpStatus.NOT_FOUND
                                : HttpStatus.SERVICE_UNAVAILABLE);
                        model.addAttribute("message", answer.status() == 404
                                ? "We could not find that article. It may have been retitled; the journal lists them all."
                                : answer.detail());
                        return "not-found";
                    }
                    Map<String, Object> post = answer.body();
                    String canonical = publicUrl + "/blog/" + post.get("slug");
                    model.addAttribute("post", post);
                    model.addAttribute("paragraphs", paragraphs(post.get("body")));
                    model.addAttribute("canonical", canonical);
                    model.addAttribute("ogType", "article");
                    String image = image(post.get("heroImageUrl"));
                    if (image != null) {
                        model.addAttribute("ogImage", image);
                    }
                    model.addAttribute("jsonLd", List.of(StructuredData.article(post, canonical, image, publicUrl),
                            StructuredData.breadcrumbs(List.of(Map.entry("Home", "/"), Map.entry("Journal", "/blog"),
                                    Map.entry(String.valueOf(post.get("title")), "/blog/" + post.get("slug"))),
                                    publicUrl)));
                    return "blog-post";
                });
    }

    private @Nullable String image(@Nullable Object url) {
        if (url == null) {
            return null;
        }
        String text = url.toString();
        return text.startsWith("http") ? text : publicUrl + text + "?size=800";
    }

    static List<String> paragraphs(@Nullable Object body) {
        if (body == null) {
            return List.of();
        }
        return Arrays.stream(body.toString().replace("\r\n", "\n").split("\n\\s*\n"))
                .map(String::strip).filter(paragraph -> !paragraph.isEmpty()).toList();
    }
}
