package dev.atelier.gateway.storefront;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * What search engines and browsers read besides the pages: the web app manifest, {@code robots.txt} (the shop's pages open, the shopper's own pages
 * and the APIs closed, where the sitemap is) and {@code sitemap.xml} (every active product, category, occasion and
 * published post, from catalog's sitemap data, with absolute URLs on the store's public address).
 */
@Controller
class SearchEngines {

    private static final java.time.Duration CACHE = java.time.Duration.ofHours(1);

    private final Services services;
    private final String publicUrl;

    SearchEngines(Services services, @Value("${atelier.storefront.public-url:http://localhost:8080}") String publicUrl) {
        this.services = services;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping(path = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> robots() {
        String body = """
                User-agent: *
                Allow: /
                Disallow: /cart
                Disallow: /checkout
                Disallow: /account
                Disallow: /orders/
                Disallow: /pay/
                Disallow: /api/
                Disallow: /admin
                Disallow: /search

                Sitemap: %s/sitemap.xml
                """.formatted(publicUrl);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(CACHE).cachePublic()).body(body);
    }

    /** The web app manifest with its registered type (a static file would go out as application/octet-stream). */
    @GetMapping(path = "/manifest.webmanifest", produces = "application/manifest+json")
    ResponseEntity<org.springframework.core.io.Resource> manifest() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(CACHE).cachePublic())
                .contentType(MediaType.valueOf("application/manifest+json"))
                .body(new org.springframework.core.io.ClassPathResource("static/manifest.webmanifest"));
    }

    @GetMapping(path = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    Mono<ResponseEntity<String>> sitemap(ServerWebExchange exchange) {
        return services.get("catalog", "/api/catalog/sitemap", exchange).map(answer -> {
            if (!answer.ok()) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                        .contentType(MediaType.TEXT_PLAIN).body("the sitemap is not available just now");
            }
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            xml.append("  <url><loc>").append(publicUrl).append("/</loc></url>\n");
            xml.append("  <url><loc>").append(publicUrl).append("/blog</loc></url>\n");
            for (String kind : List.of("products", "categories", "occasions", "posts")) {
                for (Map<String, Object> entry : answer.list(kind)) {
                    xml.append("  <url><loc>").append(HtmlUtils.htmlEscape(publicUrl + entry.get("path")))
                            .append("</loc>");
                    Object modified = entry.get("lastModified");
                    if (modified != null) {
                        xml.append("<lastmod>").append(Instant.parse(modified.toString())).append("</lastmod>");
                    }
                    xml.append("</url>\n");
                }
            }
            xml.append("</urlset>\n");
            return ResponseEntity.ok().cacheControl(CacheControl.maxAge(CACHE).cachePublic())
                    .contentType(MediaType.APPLICATION_XML).body(xml.toString());
        });
    }
}
