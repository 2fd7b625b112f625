package dev.atelier.catalog.media;

import java.util.Optional;

/**
 * Where image bytes live, by key. The file system under the service's data directory is the default; an
 * S3-compatible store would implement the same two methods.
 */
public interface MediaStore {

    void put(String key, byte[] bytes);

    Optional<byte[]> get(String key);
}
