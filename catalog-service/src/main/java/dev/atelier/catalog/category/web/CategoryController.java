package dev.atelier.catalog.category.web;

import dev.atelier.catalog.category.Category;
import dev.atelier.catalog.category.CategoryAdministration;
import dev.atelier.catalog.category.CategoryDraft;
import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.catalog.storefront.web.RenderedAnswers;
import dev.atelier.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The category tree: staff build it, the storefront reads it on every home page (kept rendered between writes, with an
 * ETag: a write of this service forgets it).
 */
@RestController
class CategoryController {

    record CategoryView(UUID id, String slug, String name, @Nullable UUID parentId, String path, int position) {
        static CategoryView of(Category c) {
            return new CategoryView(c.id(), c.slug(), c.name(), c.parentId(), c.path(), c.position());
        }
    }

    record AdminCategoryView(UUID id, String slug, String name, @Nullable UUID parentId, String path, int position,
            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
        static AdminCategoryView of(Category c) {
            return new AdminCategoryView(c.id(), c.slug(), c.name(), c.parentId(), c.path(), c.position(),
                    c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
        }
    }

    record Rename(@NotBlank @Size(max = 120) String name, @Nullable Integer position) {
    }

    private final CategoryAdministration administration;
    private final RenderedReads reads;
    private final RenderedAnswers answers;

    CategoryController(CategoryAdministration administration, RenderedReads reads, RenderedAnswers answers) {
        this.administration = administration;
        this.reads = reads;
        this.answers = answers;
    }

    @GetMapping("/api/catalog/categories")
    ResponseEntity<byte[]> tree(WebRequest request) {
        return answers.of(reads.get("categories", () -> administration.tree().stream().map(CategoryView::of)
                .toList(), tree -> RenderedReads.Reach.none()), request);
    }

    @GetMapping("/api/admin/catalog/categories")
    List<AdminCategoryView> adminTree() {
        return administration.tree().stream().map(AdminCategoryView::of).toList();
    }

    @PostMapping("/api/admin/catalog/categories")
    ResponseEntity<AdminCategoryView> create(@Valid @RequestBody CategoryDraft draft,
            Caller caller) {
        Category created = administration.create(draft, caller.actor());
        return ResponseEntity.created(URI.create("/api/admin/catalog/categories/" + created.slug()))
                .body(AdminCategoryView.of(created));
    }

    @PutMapping("/api/admin/catalog/categories/{slug}")
    AdminCategoryView rename(@PathVariable String slug, @Valid @RequestBody Rename rename,
            Caller caller) {
        return AdminCategoryView.of(administration.rename(slug, rename.name(),
                rename.position() == null ? 0 : rename.position(), caller.actor()));
    }
}
