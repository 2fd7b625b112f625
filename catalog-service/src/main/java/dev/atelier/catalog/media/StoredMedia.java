package dev.atelier.catalog.media;

import java.time.Instant;
import java.util.UUID;

/** An uploaded image as judged from its bytes: its real type, size and pixel dimensions. */
public record StoredMedia(UUID id, MediaPurpose purpose, String contentType, long sizeBytes, int width, int height,
        String sha256, Instant createdAt) {
}
