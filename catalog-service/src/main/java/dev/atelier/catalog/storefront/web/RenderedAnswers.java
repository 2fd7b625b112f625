package dev.atelier.catalog.storefront.web;

import dev.atelier.catalog.storefront.RenderedReads;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/** A rendered answer as an HTTP response: 304 when the client holds the same ETag, else the JSON bytes. */
public final class RenderedAnswers {

    private RenderedAnswers() {
    }

    public static ResponseEntity<byte[]> of(RenderedReads.Rendered rendered, WebRequest request) {
        if (request.checkNotModified(rendered.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(rendered.etag()).build();
        }
        return ResponseEntity.ok().eTag(rendered.etag()).contentType(MediaType.APPLICATION_JSON)
                .body(rendered.json());
    }
}
