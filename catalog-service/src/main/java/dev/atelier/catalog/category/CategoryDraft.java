package dev.atelier.catalog.category;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A category as staff describe it; {@code parent} is the parent's slug, none for a root. */
public record CategoryDraft(
        @NotBlank @Size(max = 80) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by dashes") String slug,
        @NotBlank @Size(max = 120) String name,
        @Nullable String parent,
        @Nullable Integer position) {
}
