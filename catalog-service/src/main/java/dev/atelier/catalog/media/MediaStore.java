package dev.atelier.catalog.media;

import java.util.Optional;

/**
 * Where image bytes live, by key ({@code <media id>/original}, {@code <media id>/400.webp}, …): files under the
 * service's data directory by default ({@code atelier.media.store=filesystem}), or an S3-compatible bucket
 * ({@code atelier.media.store=s3}). A key never holds other bytes once written. A store that cannot be reached
 * throws a 503 problem ({@code media-store-unavailable}), never a bare exception that would become a 500.
 */
public interface MediaStore {

    /** Writes the object whole: a reader sees the old bytes or the new ones, never a part. */
    void put(String key, byte[] bytes, String contentType);

    Optional<byte[]> get(String key);

    /** Removes the object; a key that holds nothing is not an error. */
    void delete(String key);
}
