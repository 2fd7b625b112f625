package dev.atelier.catalog.occasion;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An occasion as staff describe it. */
public record OccasionDraft(
        @NotBlank @Size(max = 80) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by dashes") String slug,
        @NotBlank @Size(max = 120) String name) {
}
