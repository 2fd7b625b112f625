package dev.atelier.catalog.feed.web;

import dev.atelier.catalog.feed.MerchantFeed;
import dev.atelier.catalog.feed.SitemapData;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The Google Merchant Center feed and the sitemap's data. */
@RestController
class FeedController {

    private final MerchantFeed feed;
    private final SitemapData sitemap;

    FeedController(MerchantFeed feed, SitemapData sitemap) {
        this.feed = feed;
        this.sitemap = sitemap;
    }

    @GetMapping("/api/catalog/feeds/google.xml")
    ResponseEntity<StreamingResponseBody> google() {
        return ResponseEntity.ok().contentType(new MediaType("application", "rss+xml", java.nio.charset.StandardCharsets.UTF_8))
                .body(feed::write);
    }

    @GetMapping("/api/catalog/sitemap")
    SitemapData.Sitemap sitemap() {
        return sitemap.read();
    }
}
