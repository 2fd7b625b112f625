package dev.atelier.catalog.content;

import dev.atelier.catalog.category.Categories;
import dev.atelier.catalog.occasion.Occasions;
import dev.atelier.catalog.product.ProductStatus;
import dev.atelier.catalog.product.Products;
import dev.atelier.web.FieldProblem;
import dev.atelier.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What staff do to the store's editorial content, and what the storefront reads of it. */
@Service
public class Content {

    private final Authors authors;
    private final BlogPosts posts;
    private final Banners banners;
    private final LandingPages pages;
    private final Categories categories;
    private final Occasions occasions;
    private final Products products;
    private final Clock clock;

    Content(Authors authors, BlogPosts posts, Banners banners, LandingPages pages, Categories categories,
            Occasions occasions, Products products, Clock clock) {
        this.authors = authors;
        this.posts = posts;
        this.banners = banners;
        this.pages = pages;
        this.categories = categories;
        this.occasions = occasions;
        this.products = products;
        this.clock = clock;
    }

    @Transactional
    public Author addAuthor(ContentDrafts.AuthorDraft draft, String actor) {
        if (authors.findBySlug(draft.slug()).isPresent()) {
            throw ProblemException.conflict("author-exists", "an author with slug '" + draft.slug() + "' exists");
        }
        return authors.save(new Author(draft.slug(), draft.name().strip(), draft.bio() == null ? "" : draft.bio().strip(),
                actor, clock.instant()));
    }

    @Transactional
    public BlogPost writePost(@Nullable UUID id, ContentDrafts.PostDraft draft, String actor) {
        Author author = authors.findBySlug(draft.author()).orElseThrow(() -> ProblemException.validation(
                List.of(new FieldProblem("author", "no author with slug '" + draft.author() + "'"))));
        posts.findBySlug(draft.slug()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw ProblemException.validation(List.of(new FieldProblem("slug", "'" + draft.slug() + "' is taken")));
        });
        Instant now = clock.instant();
        BlogPost post = id == null ? new BlogPost(draft.slug(), author.id(), actor, now) : post(id);
        post.write(draft.slug(), draft.title().strip(), draft.summary() == null ? "" : draft.summary().strip(),
                draft.body(), draft.heroMedia(), author.id(), actor, now);
        return posts.save(post);
    }

    @Transactional
    public BlogPost publishPost(UUID id, String actor) {
        BlogPost post = post(id);
        try {
            post.publish(actor, clock.instant());
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("post-state", e.getMessage());
        }
        return post;
    }

    @Transactional
    public Banner scheduleBanner(@Nullable UUID id, ContentDrafts.BannerDraft draft, String actor) {
        Instant now = clock.instant();
        Banner banner = id == null ? new Banner(actor, now) : banners.findById(id).orElseThrow(() ->
                ProblemException.notFound("unknown-banner", "no banner " + id));
        if (!draft.endsAt().isAfter(draft.startsAt())) {
            throw ProblemException.validation(List.of(new FieldProblem("endsAt", "must be after startsAt")));
        }
        banner.schedule(draft.title().strip(), draft.text() == null ? "" : draft.text().strip(), draft.link(),
                draft.mediaRef(), draft.startsAt(), draft.endsAt(), draft.position() == null ? 0 : draft.position(),
                actor, now);
        return banners.save(banner);
    }

    @Transactional
    public LandingPage describePage(String kind, String slug, ContentDrafts.LandingPageDraft draft, String actor) {
        String pageKind = kind(kind);
        boolean exists = pageKind.equals("CATEGORY") ? categories.findBySlug(slug).isPresent()
                : occasions.findBySlug(slug).isPresent();
        if (!exists) {
            throw ProblemException.notFound("unknown-" + pageKind.toLowerCase(Locale.ROOT),
                    "no " + pageKind.toLowerCase(Locale.ROOT) + " with slug '" + slug + "'");
        }
        List<String> featured = draft.featured() == null ? List.of() : draft.featured().stream().distinct().toList();
        List<FieldProblem> problems = new ArrayList<>();
        featured.stream().filter(p -> products.findBySlug(p).isEmpty())
                .forEach(p -> problems.add(new FieldProblem("featured", "no product with slug '" + p + "'")));
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems);
        }
        Instant now = clock.instant();
        LandingPage page = pages.findByKindAndTargetSlug(pageKind, slug)
                .orElseGet(() -> new LandingPage(pageKind, slug, actor, now));
        page.describe(draft.heroTitle().strip(), draft.heroText() == null ? "" : draft.heroText().strip(),
                draft.heroMedia(), featured, actor, now);
        return pages.save(page);
    }

    /** Published posts, newest first, mapped inside the transaction (with the author). */
    @Transactional(readOnly = true)
    public <T> List<T> publishedPosts(@Nullable Instant beforePublishedAt, @Nullable UUID afterId, int limit,
            PostView<T> view) {
        Instant before = beforePublishedAt == null ? Instant.parse("9999-12-31T00:00:00Z") : beforePublishedAt;
        UUID after = afterId == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : afterId;
        return posts.publishedBefore(before, after, Limit.of(limit)).stream()
                .map(post -> view.of(post, authors.findById(post.authorId()).orElseThrow())).toList();
    }

    @Transactional(readOnly = true)
    public <T> Optional<T> publishedPost(String slug, PostView<T> view) {
        return posts.findBySlug(slug).filter(BlogPost::isPublished)
                .map(post -> view.of(post, authors.findById(post.authorId()).orElseThrow()));
    }

    @Transactional(readOnly = true)
    public <T> List<T> allPosts(PostView<T> view) {
        return posts.findAll().stream().map(post -> view.of(post, authors.findById(post.authorId()).orElseThrow()))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Banner> activeBanners() {
        Instant now = clock.instant();
        return banners.findByStartsAtLessThanEqualAndEndsAtGreaterThanOrderByPositionAscStartsAtAsc(now, now);
    }

    @Transactional(readOnly = true)
    public List<Banner> allBanners() {
        return banners.findAllByOrderByStartsAtDesc();
    }

    /** The page with its featured products that are on sale, in the page's order. */
    @Transactional(readOnly = true)
    public <T> Optional<T> landingPage(String kind, String slug, Function<FeaturedPage, T> view) {
        return pages.findByKindAndTargetSlug(kind(kind), slug).map(page -> view.apply(new FeaturedPage(page,
                page.featured().stream().flatMap(s -> products.findBySlug(s).stream())
                        .filter(p -> p.status() == ProductStatus.ACTIVE)
                        .map(p -> new Featured(p.slug(), p.name(), p.price(), p.imageUrl())).toList())));
    }

    /** A featured product as the landing page shows it. */
    public record Featured(String slug, String name, dev.atelier.events.Money price, @Nullable String imageUrl) {
    }

    /** A landing page and its featured products on sale. */
    public record FeaturedPage(LandingPage page, List<Featured> featured) {
    }

    /** Maps a post and its author to a view. */
    public interface PostView<T> {
        T of(BlogPost post, Author author);
    }

    private BlogPost post(UUID id) {
        return posts.findById(id).orElseThrow(() -> ProblemException.notFound("unknown-post", "no post " + id));
    }

    private static String kind(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "category", "categories" -> "CATEGORY";
            case "occasion", "occasions" -> "OCCASION";
            default -> throw ProblemException.notFound("unknown-page-kind", "landing pages are for a category or an occasion");
        };
    }
}
