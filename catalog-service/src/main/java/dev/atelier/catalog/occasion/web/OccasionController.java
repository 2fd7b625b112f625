package dev.atelier.catalog.occasion.web;

import dev.atelier.catalog.occasion.Occasion;
import dev.atelier.catalog.occasion.OccasionAdministration;
import dev.atelier.catalog.occasion.OccasionDraft;
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
 * Occasions: staff define them, the storefront lists them on every home page (kept rendered between writes, with an
 * ETag: a write of this service forgets them).
 */
@RestController
class OccasionController {

    record OccasionView(UUID id, String slug, String name) {
        static OccasionView of(Occasion o) {
            return new OccasionView(o.id(), o.slug(), o.name());
        }
    }

    record AdminOccasionView(UUID id, String slug, String name, Instant createdAt, String createdBy, Instant updatedAt,
            String updatedBy) {
        static AdminOccasionView of(Occasion o) {
            return new AdminOccasionView(o.id(), o.slug(), o.name(), o.createdAt(), o.createdBy(), o.updatedAt(),
                    o.updatedBy());
        }
    }

    record Rename(@NotBlank @Size(max = 120) String name) {
    }

    private final OccasionAdministration administration;
    private final RenderedReads reads;
    private final RenderedAnswers answers;

    OccasionController(OccasionAdministration administration, RenderedReads reads, RenderedAnswers answers) {
        this.administration = administration;
        this.reads = reads;
        this.answers = answers;
    }

    @GetMapping("/api/catalog/occasions")
    ResponseEntity<byte[]> all(WebRequest request) {
        return answers.of(reads.get("occasions", () -> administration.all().stream().map(OccasionView::of)
                .toList(), occasions -> RenderedReads.Reach.none()), request);
    }

    @GetMapping("/api/admin/catalog/occasions")
    List<AdminOccasionView> adminAll() {
        return administration.all().stream().map(AdminOccasionView::of).toList();
    }

    @PostMapping("/api/admin/catalog/occasions")
    ResponseEntity<AdminOccasionView> create(@Valid @RequestBody OccasionDraft draft,
            Caller caller) {
        Occasion created = administration.create(draft, caller.actor());
        return ResponseEntity.created(URI.create("/api/admin/catalog/occasions/" + created.slug()))
                .body(AdminOccasionView.of(created));
    }

    @PutMapping("/api/admin/catalog/occasions/{slug}")
    AdminOccasionView rename(@PathVariable String slug, @Valid @RequestBody Rename rename,
            Caller caller) {
        return AdminOccasionView.of(administration.rename(slug, rename.name(), caller.actor()));
    }
}
