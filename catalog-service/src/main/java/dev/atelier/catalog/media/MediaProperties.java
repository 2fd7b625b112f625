package dev.atelier.catalog.media;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.media}: where originals and resized variants are kept, the largest image accepted (pixels are
 * checked from the header, before anything is decoded), the sizes served, and how many photos one shopper may
 * upload per minute.
 */
@ConfigurationProperties("atelier.media")
public record MediaProperties(
        @DefaultValue(".atelier/catalog-media") Path directory,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("12000") int maxSide,
        @DefaultValue({"400", "800"}) java.util.List<Integer> sizes,
        @DefaultValue("10") int shopperUploadsPerMinute,
        @DefaultValue("1m") Duration shopperUploadWindow) {
}
