package dev.atelier.catalog.media.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atelier.catalog.media.MediaProperties;
import dev.atelier.catalog.media.MediaPurpose;
import dev.atelier.catalog.media.MediaUploads;
import dev.atelier.catalog.media.StoredMedia;
import dev.atelier.web.ProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads (staff's product photos; shoppers' personalisation photos, anonymous and limited per client) and the
 * images browsers load, with an ETag so that a browser's second request is a 304. An image's URL never serves other
 * bytes, so it is cached for a year.
 */
@RestController
class MediaController {

    record Uploaded(UUID id, String contentType, long sizeBytes, int width, int height, String url) {
        static Uploaded of(StoredMedia media) {
            return new Uploaded(media.id(), media.contentType(), media.sizeBytes(), media.width(), media.height(),
                    "/api/catalog/media/" + media.id());
        }
    }

    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final MediaUploads uploads;
    private final MediaProperties properties;
    private final Cache<String, Bucket> shoppers = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    MediaController(MediaUploads uploads, MediaProperties properties) {
        this.uploads = uploads;
        this.properties = properties;
    }

    @PostMapping(path = "/api/admin/catalog/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Uploaded> productImage(@RequestParam("file") MultipartFile file) throws IOException {
        return created(uploads.upload(file.getBytes(), MediaPurpose.PRODUCT));
    }

    /** Deletes a product photo that nothing shows any more (409 while a product, banner or page uses it). */
    @DeleteMapping("/api/admin/catalog/media/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        uploads.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/catalog/personalisation/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Uploaded> personalisationPhoto(@RequestParam("file") MultipartFile file,
            HttpServletRequest request) throws IOException {
        Bucket bucket = shoppers.get(request.getRemoteAddr(), client -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.shopperUploadsPerMinute())
                        .refillGreedy(properties.shopperUploadsPerMinute(), properties.shopperUploadWindow()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads", "Too many uploads",
                    "at most " + properties.shopperUploadsPerMinute() + " photos per "
                            + properties.shopperUploadWindow().toSeconds() + " s; try again shortly")
                    .retryAfter(wait.isZero() ? Duration.ofSeconds(1) : wait.plusSeconds(1));
        }
        return created(uploads.upload(file.getBytes(), MediaPurpose.PERSONALISATION));
    }

    /** The cleaned original, or with {@code ?size=400} the same as {@code /{id}/400}. */
    @GetMapping("/api/catalog/media/{id}")
    ResponseEntity<byte[]> original(@PathVariable UUID id,
            @RequestParam(required = false) @org.jspecify.annotations.Nullable Integer size, WebRequest request) {
        return size == null ? serve(uploads.original(id), id, request, false) : resized(id, size, request);
    }

    /** A square variant: WebP for a browser whose Accept names {@code image/webp}, hence {@code Vary: Accept}. */
    @GetMapping("/api/catalog/media/{id}/{size}")
    ResponseEntity<byte[]> resized(@PathVariable UUID id, @PathVariable int size, WebRequest request) {
        return serve(uploads.resized(id, size, acceptsWebp(request.getHeader(HttpHeaders.ACCEPT))), id, request,
                uploads.writesWebp());
    }

    static boolean acceptsWebp(@org.jspecify.annotations.Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && type.getType().equals("image") && type.getSubtype().equals("webp"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ResponseEntity<byte[]> serve(java.util.Optional<MediaUploads.Rendition> rendition, UUID id,
            WebRequest request, boolean variesByAccept) {
        MediaUploads.Rendition found = rendition.orElseThrow(() -> ProblemException.notFound("unknown-media",
                "no image " + id));
        String[] vary = variesByAccept ? new String[] {HttpHeaders.ACCEPT} : new String[0];
        if (request.checkNotModified(found.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(found.etag()).cacheControl(FOREVER)
                    .varyBy(vary).build();
        }
        return ResponseEntity.ok().eTag(found.etag()).cacheControl(FOREVER).varyBy(vary)
                .contentType(MediaType.parseMediaType(found.contentType())).body(found.bytes());
    }

    private static ResponseEntity<Uploaded> created(StoredMedia media) {
        return ResponseEntity.created(URI.create("/api/catalog/media/" + media.id())).body(Uploaded.of(media));
    }
}
