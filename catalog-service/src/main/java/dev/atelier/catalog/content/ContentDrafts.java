package dev.atelier.catalog.content;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Content as staff describe it. */
public final class ContentDrafts {

    private ContentDrafts() {
    }

    private static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final String SLUG_MESSAGE = "must be lower-case words joined by dashes";

    /** A blog author. */
    public record AuthorDraft(@NotBlank @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Size(max = 80) String slug,
            @NotBlank @Size(max = 120) String name, @Nullable @Size(max = 2000) String bio) {
    }

    /** A blog post; {@code author} is the author's slug. */
    public record PostDraft(@NotBlank @Pattern(regexp = SLUG, message = SLUG_MESSAGE) @Size(max = 120) String slug,
            @NotBlank @Size(max = 200) String title, @Nullable @Size(max = 500) String summary,
            @NotBlank @Size(max = 100_000) String body, @Nullable @Size(max = 200) String heroMedia,
            @NotBlank String author) {
    }

    /** A banner and its schedule. */
    public record BannerDraft(@NotBlank @Size(max = 120) String title, @Nullable @Size(max = 300) String text,
            @NotBlank @Size(max = 500) @Pattern(regexp = "(/|https://).*", message = "must be a path or an https URL")
            String link, @Nullable @Size(max = 200) String mediaRef, @NotNull Instant startsAt, @NotNull Instant endsAt,
            @Nullable Integer position) {
    }

    /** A landing page's hero and featured products (by slug, in order). */
    public record LandingPageDraft(@NotBlank @Size(max = 120) String heroTitle, @Nullable @Size(max = 1000) String heroText,
            @Nullable @Size(max = 200) String heroMedia, @Nullable @Size(max = 24) List<@NotBlank String> featured) {
    }
}
