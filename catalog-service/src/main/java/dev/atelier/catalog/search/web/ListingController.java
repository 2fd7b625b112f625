package dev.atelier.catalog.search.web;

import dev.atelier.catalog.search.ProductFilter;
import dev.atelier.catalog.search.ProductSearch;
import dev.atelier.catalog.search.Sort;
import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.catalog.storefront.web.RenderedAnswers;
import dev.atelier.web.Cursors;
import dev.atelier.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The storefront's product listing, search and facet counts, kept rendered between writes (with an ETag). */
@RestController
class ListingController {

    static final int DEFAULT_LIMIT = 24;
    static final int MAX_LIMIT = 100;

    /** A page of cards; {@code search} says what was searched, {@code message} why a page is empty. */
    record Listing(List<ProductSearch.Card> items, @Nullable String nextCursor, ProductSearch.@Nullable Searched search,
            @Nullable String message) {
    }

    private final ProductSearch search;
    private final Cursors cursors;
    private final RenderedReads reads;
    private final RenderedAnswers answers;

    ListingController(ProductSearch search, Cursors cursors, RenderedReads reads, RenderedAnswers answers) {
        this.search = search;
        this.cursors = cursors;
        this.reads = reads;
        this.answers = answers;
    }

    @GetMapping("/api/catalog/products")
    ResponseEntity<byte[]> list(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String occasion,
            @RequestParam(required = false) @Nullable Long minPrice,
            @RequestParam(required = false) @Nullable Long maxPrice,
            @RequestParam(required = false) @Nullable Boolean inStock,
            @RequestParam(required = false) @Nullable Boolean personalisable,
            @RequestParam(required = false) @Nullable String brand,
            @RequestParam(required = false) @Nullable String condition,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit, WebRequest request) {
        String key = key("list", q, category, occasion, minPrice, maxPrice, inStock, personalisable, brand, condition,
                sort, cursor, limit);
        ProductFilter filter = new ProductFilter(q, category, occasion, minPrice, maxPrice, inStock, personalisable,
                brand, condition);
        return answers.of(reads.get(key, () -> list(filter, sort, cursor, limit),
                listing -> RenderedReads.Reach.listing(Sort.parse(sort) == Sort.BESTSELLING)), request);
    }

    private Listing list(ProductFilter filter, @Nullable String sort, @Nullable String cursor,
            @Nullable Integer limit) {
        Sort order = Sort.parse(sort);
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        ProductSearch.Page page = search.list(filter, order, after(cursors.decode(cursor)), size);
        String next = page.next() == null ? null
                : cursors.encode(page.next().sort().parameter() + "|" + page.next().value() + "|" + page.next().id());
        return new Listing(page.items(), next, page.search(), page.items().isEmpty() ? emptyMessage(filter, page) : null);
    }

    @GetMapping("/api/catalog/facets")
    ResponseEntity<byte[]> facets(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String occasion,
            @RequestParam(required = false) @Nullable Long minPrice,
            @RequestParam(required = false) @Nullable Long maxPrice,
            @RequestParam(required = false) @Nullable Boolean inStock,
            @RequestParam(required = false) @Nullable Boolean personalisable,
            @RequestParam(required = false) @Nullable String brand,
            @RequestParam(required = false) @Nullable String condition, WebRequest request) {
        String key = key("facets", q, category, occasion, minPrice, maxPrice, inStock, personalisable, brand,
                condition);
        ProductFilter filter = new ProductFilter(q, category, occasion, minPrice, maxPrice, inStock, personalisable,
                brand, condition);
        return answers.of(reads.get(key, () -> search.facets(filter), facets -> RenderedReads.Reach.listing(false)),
                request);
    }

    /** The parameters as one key; a missing parameter and an empty one differ, as they do to the search. */
    private static String key(String kind, @Nullable Object... parameters) {
        StringBuilder key = new StringBuilder(kind);
        for (Object parameter : parameters) {
            key.append('\u0000').append(parameter == null ? "\u0001" : parameter);
        }
        return key.toString();
    }

    private static ProductSearch.@Nullable Key after(@Nullable String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\|");
        try {
            return new ProductSearch.Key(Sort.parse(parts[0]), Long.parseLong(parts[1]), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API handed out");
        }
    }

    private static String emptyMessage(ProductFilter filter, ProductSearch.Page page) {
        StringBuilder message = new StringBuilder("No products on sale");
        if (page.search() != null) {
            message.append(" match \"").append(page.search().query()).append('"');
            if (page.search().corrected()) {
                message.append(" (searched for \"").append(page.search().searchedFor()).append("\")");
            }
        } else if (filter.q() != null) {
            message.append(" match \"").append(filter.q()).append('"');
        }
        if (filter.category() != null) {
            message.append(" in category ").append(filter.category());
        }
        if (filter.occasion() != null) {
            message.append(" for occasion ").append(filter.occasion());
        }
        if (filter.minPrice() != null || filter.maxPrice() != null) {
            message.append(" priced ").append(filter.minPrice() == null ? "up" : "from " + filter.minPrice())
                    .append(filter.maxPrice() == null ? "" : " to " + filter.maxPrice()).append(" (minor units)");
        }
        if (Boolean.TRUE.equals(filter.inStock())) {
            message.append(", in stock");
        }
        if (filter.personalisable() != null) {
            message.append(filter.personalisable() ? ", personalisable" : ", not personalisable");
        }
        if (filter.brand() != null) {
            message.append(", by ").append(filter.brand());
        }
        if (filter.condition() != null) {
            message.append(", in condition ").append(filter.condition());
        }
        return message.append('.').toString();
    }
}
