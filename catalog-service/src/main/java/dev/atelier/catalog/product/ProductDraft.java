package dev.atelier.catalog.product;

import dev.atelier.events.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A product as staff describe it, to create or to replace its editable content. A product whose variants list
 * components is a bundle. Categories and occasions are named by slug.
 */
public record ProductDraft(
        @Nullable @Size(max = 120) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by dashes") String slug,
        @NotBlank @Size(max = 200) String name,
        @Nullable @Size(max = 20_000) String description,
        @Nullable @Size(max = 120) String brand,
        @NotNull @Valid Money price,
        @Nullable TaxClass taxClass,
        @NotBlank String category,
        @Nullable List<@NotBlank String> occasions,
        @Nullable @Size(max = 70) String seoTitle,
        @Nullable @Size(max = 160) String seoDescription,
        @NotEmpty @Size(max = 100) List<@Valid VariantDraft> variants,
        @Nullable @Size(max = 20) List<@Valid OptionDraft> personalisationOptions,
        @Nullable @Size(max = 20) List<@Valid ImageDraft> images) {

    /** A variant: its SKU, attributes (size, colour, condition), an optional price and the bundle's components. */
    public record VariantDraft(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9._-]{0,63}", message = "must be upper-case letters, digits, '.', '_' or '-'") String sku,
            @Nullable Map<String, String> attributes,
            @Nullable @Valid Money price,
            @PositiveOrZero long weightGrams,
            @Nullable @Size(max = 64) String partNumber,
            @Nullable @Size(max = 32) String barcode,
            @Nullable @Size(max = 20) List<@Valid ComponentDraft> components) {
    }

    /** So many units of another SKU in one unit of a bundle. */
    public record ComponentDraft(@NotBlank String sku, @Positive @Max(1000) int quantity) {
    }

    /** A personalisation option and its constraints. */
    public record OptionDraft(
            @NotBlank @Pattern(regexp = "[a-z][a-zA-Z0-9_]{0,39}", message = "must start with a lower-case letter, then letters, digits or '_'") String key,
            @NotBlank @Size(max = 120) String label,
            @NotNull OptionType type,
            boolean required,
            @Nullable @Valid Money priceModifier,
            @Nullable @Valid ConstraintsDraft constraints) {
    }

    /** The constraints that apply to the option's type; the others stay empty. */
    public record ConstraintsDraft(
            @Nullable @Positive @Max(10_000) Integer maxLength,
            @Nullable @Size(max = 200) String pattern,
            @Nullable List<@NotBlank String> fonts,
            @Nullable List<@NotBlank String> colours,
            @Nullable List<@NotBlank String> choices,
            @Nullable @Positive Long maxFileSize,
            @Nullable @Pattern(regexp = "[1-9][0-9]*:[1-9][0-9]*", message = "must read like 4:3") String aspectRatio,
            @Nullable @Positive Integer minWidth,
            @Nullable @Positive Integer minHeight,
            @Nullable @Valid PrintAreaDraft printArea) {
    }

    /** Where the option's photo or text is printed, in per cent of the product's main picture. */
    public record PrintAreaDraft(@NotNull @PositiveOrZero @Max(99) Integer x, @NotNull @PositiveOrZero @Max(99) Integer y,
            @NotNull @Positive @Max(100) Integer width, @NotNull @Positive @Max(100) Integer height) {
    }

    /** A gallery image: the uploaded media's reference and its alternative text. */
    public record ImageDraft(@NotBlank @Size(max = 200) String mediaRef, @NotBlank @Size(max = 300) String altText,
            boolean primary) {
    }
}
