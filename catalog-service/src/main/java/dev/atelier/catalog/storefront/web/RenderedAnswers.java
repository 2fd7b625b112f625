package dev.atelier.catalog.storefront.web;

import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.catalog.storefront.StorefrontCacheProperties;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * A rendered answer as an HTTP response: 304 when the client holds the same ETag, else the JSON bytes. These answers
 * are the same for every caller, so they say so: {@code Cache-Control: public, max-age=0, s-maxage=N} with N of
 * {@code atelier.storefront-cache.shared-for} (5 s): a browser revalidates with the ETag every time, a shared cache
 * in front (the gateway's, a CDN) may answer for N seconds without asking. 0 s: {@code no-cache} for everyone.
 */
@Component
public final class RenderedAnswers {

    private final CacheControl cacheControl;

    RenderedAnswers(StorefrontCacheProperties properties) {
        long shared = properties.sharedFor().toSeconds();
        this.cacheControl = shared > 0 ? CacheControl.maxAge(Duration.ZERO).cachePublic()
                .sMaxAge(properties.sharedFor()) : CacheControl.noCache();
    }

    public ResponseEntity<byte[]> of(RenderedReads.Rendered rendered, WebRequest request) {
        if (request.checkNotModified(rendered.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(rendered.etag()).cacheControl(cacheControl)
                    .build();
        }
        return ResponseEntity.ok().eTag(rendered.etag()).cacheControl(cacheControl)
                .contentType(MediaType.APPLICATION_JSON).body(rendered.json());
    }
}
