package dev.atelier.catalog.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.media}: where originals and resized variants are kept ({@code store}: files under {@code directory},
 * or an S3-compatible bucket described by {@code s3}), the largest image accepted (pixels are checked from the header,
 * before anything is decoded), the sizes served, how many photos one shopper may upload per minute, and how long
 * shoppers' uploads nobody ordered are kept ({@code retention}).
 */
@ConfigurationProperties("atelier.media")
public record MediaProperties(
        @DefaultValue("filesystem") Store store,
        @DefaultValue(".atelier/catalog-media") Path directory,
        @DefaultValue S3 s3,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("12000") int maxSide,
        @DefaultValue({"400", "800"}) List<Integer> sizes,
        @DefaultValue("10") int shopperUploadsPerMinute,
        @DefaultValue("1m") Duration shopperUploadWindow,
        @DefaultValue Retention retention) {

    /** Where image bytes are kept. */
    public enum Store {
        FILESYSTEM, S3
    }

    /**
     * An S3-compatible bucket: AWS S3 (no endpoint, virtual-hosted addressing), or MinIO, Cloudflare R2, Backblaze B2
     * and others through {@code endpoint} (MinIO usually wants {@code pathStyleAccess}). Without an access key the
     * SDK's default credentials chain is used (environment, web identity on Kubernetes, instance profile).
     *
     * @param keyPrefix prepended to every object key, so that one bucket can serve several environments
     * @param timeout the longest a call to the store may take, retries included, before the request is answered 503
     */
    public record S3(
            @Nullable URI endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("") String bucket,
            @DefaultValue("false") boolean pathStyleAccess,
            @Nullable String accessKey,
            @Nullable String secretKey,
            @DefaultValue("") String keyPrefix,
            @DefaultValue("10s") Duration timeout) {
    }

    /**
     * Shoppers' uploads (personalisation photos and the storefront's preview pictures, which catalog cannot tell
     * apart) that no confirmed order names are deleted, row and objects, once older than {@code keepUnordered}; one
     * an order names is kept for ever. The default outlives cart-service's 30 days of idle expiry with room to spare:
     * a photo in a basket a shopper still touches must still be there at checkout.
     *
     * @param interval how often the job looks (on one replica at a time, ShedLock)
     * @param batch rows given up, or whose objects are deleted, per statement
     */
    public record Retention(
            @DefaultValue("90d") Duration keepUnordered,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("200") int batch) {
    }
}
