package dev.atelier.catalog.content.web;

import dev.atelier.catalog.content.Author;
import dev.atelier.catalog.content.Banner;
import dev.atelier.catalog.content.BlogPost;
import dev.atelier.catalog.content.Content;
import dev.atelier.catalog.content.ContentDrafts;
import dev.atelier.catalog.content.LandingPage;
import dev.atelier.events.Money;
import dev.atelier.web.security.Caller;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The blog, banners and landing pages: staff write them, the storefront reads them. */
@RestController
class ContentController {

    record AuthorView(String slug, String name, String bio) {
        static AuthorView of(Author a) {
            return new AuthorView(a.slug(), a.name(), a.bio());
        }
    }

    record PostSummary(UUID id, String slug, String title, String summary, AuthorView author,
            @Nullable Instant publishedAt, @Nullable String heroImageUrl) {
        static PostSummary of(BlogPost p, Author a) {
            return new PostSummary(p.id(), p.slug(), p.title(), p.summary(), AuthorView.of(a), p.publishedAt(),
                    image(p.heroMedia()));
        }
    }

    record Post(UUID id, String slug, String title, String summary, String body, AuthorView author, String status,
            @Nullable Instant publishedAt, @Nullable String heroImageUrl, Instant updatedAt, String updatedBy) {
        static Post of(BlogPost p, Author a) {
            return new Post(p.id(), p.slug(), p.title(), p.summary(), p.body(), AuthorView.of(a), p.status(),
                    p.publishedAt(), image(p.heroMedia()), p.updatedAt(), p.updatedBy());
        }
    }

    record BannerView(UUID id, String title, String text, String link, @Nullable String imageUrl, Instant startsAt,
            Instant endsAt, int position) {
        static BannerView of(Banner b) {
            return new BannerView(b.id(), b.title(), b.text(), b.link(), image(b.mediaRef()), b.startsAt(), b.endsAt(),
                    b.position());
        }
    }

    record FeaturedView(String slug, String name, Money price, @Nullable String imageUrl) {
    }

    record LandingPageView(String kind, String slug, String heroTitle, String heroText, @Nullable String heroImageUrl,
            List<FeaturedView> featured) {
        static LandingPageView of(Content.FeaturedPage found) {
            LandingPage page = found.page();
            return new LandingPageView(page.kind(), page.targetSlug(), page.heroTitle(), page.heroText(),
                    image(page.heroMedia()), found.featured().stream()
                            .map(f -> new FeaturedView(f.slug(), f.name(), f.price(), f.imageUrl())).toList());
        }
    }

    private final Content content;
    private final Cursors cursors;

    ContentController(Content content, Cursors cursors) {
        this.content = content;
        this.cursors = cursors;
    }

    private static @Nullable String image(@Nullable String mediaRef) {
        return mediaRef == null ? null : "/api/catalog/media/" + mediaRef;
    }

    @GetMapping("/api/catalog/content/posts")
    CursorPage<PostSummary> posts(@RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        int size = Cursors.limit(limit, 12, 50);
        String key = cursors.decode(cursor);
        Instant before = null;
        UUID after = null;
        if (key != null) {
            String[] parts = key.split("\\|");
            try {
                before = Instant.parse(parts[0]);
                after = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API handed out");
            }
        }
        List<PostSummary> fetched = content.publishedPosts(before, after, size + 1, PostSummary::of);
        return CursorPage.of(fetched, size, p -> p.publishedAt() + "|" + p.id(), cursors);
    }

    @GetMapping("/api/catalog/content/posts/{slug}")
    Post post(@PathVariable String slug) {
        return content.publishedPost(slug, Post::of).orElseThrow(() -> ProblemException.notFound("unknown-post",
                "no published post with slug '" + slug + "'"));
    }

    @GetMapping("/api/catalog/content/banners")
    List<BannerView> activeBanners() {
        return content.activeBanners().stream().map(BannerView::of).toList();
    }

    @GetMapping("/api/catalog/content/landing-pages/{kind}/{slug}")
    LandingPageView landingPage(@PathVariable String kind, @PathVariable String slug) {
        return content.landingPage(kind, slug, LandingPageView::of).orElseThrow(() -> ProblemException.notFound(
                "unknown-landing-page", "no landing page for " + kind + " '" + slug + "'"));
    }

    @PostMapping("/api/admin/catalog/content/authors")
    ResponseEntity<AuthorView> addAuthor(@Valid @RequestBody ContentDrafts.AuthorDraft draft,
            Caller caller) {
        Author author = content.addAuthor(draft, caller.actor());
        return ResponseEntity.created(URI.create("/api/admin/catalog/content/authors/" + author.slug()))
                .body(AuthorView.of(author));
    }

    @GetMapping("/api/admin/catalog/content/posts")
    List<Post> allPosts() {
        return content.allPosts(Post::of);
    }

    @PostMapping("/api/admin/catalog/content/posts")
    ResponseEntity<Post> createPost(@Valid @RequestBody ContentDrafts.PostDraft draft,
            Caller caller) {
        BlogPost post = content.writePost(null, draft, caller.actor());
        return ResponseEntity.created(URI.create("/api/admin/catalog/content/posts/" + post.id()))
                .body(adminPost(post.slug()));
    }

    @PutMapping("/api/admin/catalog/content/posts/{id}")
    Post revisePost(@PathVariable UUID id, @Valid @RequestBody ContentDrafts.PostDraft draft,
            Caller caller) {
        return adminPost(content.writePost(id, draft, caller.actor()).slug());
    }

    @PostMapping("/api/admin/catalog/content/posts/{id}/publish")
    Post publishPost(@PathVariable UUID id,
            Caller caller) {
        return adminPost(content.publishPost(id, caller.actor()).slug());
    }

    private Post adminPost(String slug) {
        return content.allPosts(Post::of).stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
    }

    @GetMapping("/api/admin/catalog/content/banners")
    List<BannerView> allBanners() {
        return content.allBanners().stream().map(BannerView::of).toList();
    }

    @PostMapping("/api/admin/catalog/content/banners")
    ResponseEntity<BannerView> scheduleBanner(@Valid @RequestBody ContentDrafts.BannerDraft draft,
            Caller caller) {
        Banner banner = content.scheduleBanner(null, draft, caller.actor());
        return ResponseEntity.created(URI.create("/api/admin/catalog/content/banners/" + banner.id()))
                .body(BannerView.of(banner));
    }

    @PutMapping("/api/admin/catalog/content/banners/{id}")
    BannerView rescheduleBanner(@PathVariable UUID id, @Valid @RequestBody ContentDrafts.BannerDraft draft,
            Caller caller) {
        return BannerView.of(content.scheduleBanner(id, draft, caller.actor()));
    }

    @PutMapping("/api/admin/catalog/content/landing-pages/{kind}/{slug}")
    LandingPageView describePage(@PathVariable String kind, @PathVariable String slug,
            @Valid @RequestBody ContentDrafts.LandingPageDraft draft,
            Caller caller) {
        content.describePage(kind, slug, draft, caller.actor());
        return landingPage(kind, slug);
    }
}
