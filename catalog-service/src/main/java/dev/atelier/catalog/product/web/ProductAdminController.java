package dev.atelier.catalog.product.web;

import dev.atelier.catalog.product.Catalogue;
import dev.atelier.catalog.product.ProductDraft;
import dev.atelier.catalog.product.ProductStatus;
import dev.atelier.web.security.Caller;
import dev.atelier.web.CursorPage;
import dev.atelier.web.Cursors;
import dev.atelier.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff create, edit, publish and archive products. */
@RestController
@RequestMapping("/api/admin/catalog/products")
class ProductAdminController {

    private final Catalogue catalogue;
    private final ProductViews views;
    private final Cursors cursors;

    ProductAdminController(Catalogue catalogue, ProductViews views, Cursors cursors) {
        this.catalogue = catalogue;
        this.views = views;
        this.cursors = cursors;
    }

    @PostMapping
    ResponseEntity<ProductViews.AdminProduct> create(@Valid @RequestBody ProductDraft draft,
            Caller caller) {
        UUID id = catalogue.create(draft, caller.actor()).id();
        return ResponseEntity.created(URI.create("/api/admin/catalog/products/" + id))
                .body(catalogue.read(id, views::admin));
    }

    @GetMapping
    CursorPage<ProductViews.AdminProduct> list(@RequestParam(required = false) @Nullable ProductStatus status,
            @RequestParam(required = false) @Nullable String slug,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        if (slug != null) {
            return new CursorPage<>(catalogue.readBySlug(slug, views::admin).stream().toList(), null);
        }
        int size = Cursors.limit(limit, 50, 200);
        String after = cursors.decode(cursor);
        var fetched = catalogue.page(status, after == null ? null : parseId(after), size + 1, views::admin);
        return CursorPage.of(fetched, size, p -> p.id().toString(), cursors);
    }

    /** The product with its version as the ETag, to send back as {@code If-Match} with an edit. */
    @GetMapping("/{id}")
    ResponseEntity<ProductViews.AdminProduct> get(@PathVariable UUID id) {
        ProductViews.AdminProduct product = catalogue.read(id, views::admin);
        return ResponseEntity.ok().eTag("\"" + product.version() + "\"").body(product);
    }

    @PutMapping("/{id}")
    ResponseEntity<ProductViews.AdminProduct> revise(@PathVariable UUID id, @Valid @RequestBody ProductDraft draft,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
            Caller caller) {
        catalogue.revise(id, draft, caller.actor(), version(ifMatch));
        return get(id);
    }

    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.strip().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-request", "If-Match must be the ETag this API handed out");
        }
    }

    @PostMapping("/{id}/publish")
    ProductViews.AdminProduct publish(@PathVariable UUID id,
            Caller caller) {
        catalogue.publish(id, caller.actor());
        return catalogue.read(id, views::admin);
    }

    @PostMapping("/{id}/archive")
    ProductViews.AdminProduct archive(@PathVariable UUID id,
            Caller caller) {
        catalogue.archive(id, caller.actor());
        return catalogue.read(id, views::admin);
    }

    private static UUID parseId(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API handed out");
        }
    }
}
