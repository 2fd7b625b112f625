package dev.atelier.catalog.product;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The constraints of a personalisation option. Which apply depends on the type: length and pattern for text,
 * allowed values for fonts, colours and choices, file size, aspect ratio and minimum pixels for images, and where on
 * the product a photo or text is printed.
 */
public record OptionRules(@Nullable Integer maxLength, @Nullable String pattern, List<String> allowedValues,
        @Nullable Long maxFileSize, @Nullable String aspectRatio, @Nullable Integer minWidth,
        @Nullable Integer minHeight, @Nullable PrintArea printArea) {

    public OptionRules {
        allowedValues = List.copyOf(allowedValues);
    }

    /** The aspect ratio as width / height, e.g. 1.333 for "4:3"; none when any ratio will do. */
    public @Nullable Double ratio() {
        if (aspectRatio == null) {
            return null;
        }
        String[] parts = aspectRatio.split(":");
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }
}
