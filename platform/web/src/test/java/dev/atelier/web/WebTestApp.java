package dev.atelier.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A small API that can fail in every way a real one can, for the platform's problem+json tests. */
@SpringBootApplication
class WebTestApp {

    /** Counts Spring MVC's per-request events, which the platform switches off by default. */
    @org.springframework.stereotype.Component
    static class RequestHandledEvents {

        final java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();

        @org.springframework.context.event.EventListener
        void on(org.springframework.web.context.support.RequestHandledEvent event) {
            seen.incrementAndGet();
        }
    }

    enum Colour { RED, GREEN }

    record Line(@NotBlank String sku, @Min(1) @Max(10) int quantity, @Nullable Colour colour) {
    }

    @RestController
    static class Api {

        private final Cursors cursors;

        Api(Cursors cursors) {
            this.cursors = cursors;
        }

        @PostMapping(path = "/lines", consumes = MediaType.APPLICATION_JSON_VALUE)
        Line add(@Valid @RequestBody Line line) {
            return line;
        }

        @GetMapping("/lines/{id}")
        String line(@PathVariable UUID id) {
            return id.toString();
        }

        @GetMapping("/numbers")
        CursorPage<Integer> numbers(@RequestParam(required = false) @Nullable String cursor,
                @RequestParam(required = false) @Nullable Integer limit) {
            int size = Cursors.limit(limit, 5, 20);
            String after = cursors.decode(cursor);
            int from = after == null ? 0 : Integer.parseInt(after) + 1;
            List<Integer> fetched = IntStream.range(from, Math.min(from + size + 1, 12)).boxed().toList();
            return CursorPage.of(fetched, size, String::valueOf, cursors);
        }

        @PostMapping(path = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
        long upload(@RequestPart MultipartFile file) {
            return file.getSize();
        }

        @GetMapping("/refusal")
        String refusal() {
            throw ProblemException.unavailable("catalog-unavailable", "the catalogue does not answer",
                    Duration.ofSeconds(7)).with("service", "catalog");
        }

        @GetMapping("/illegal")
        String illegal() {
            throw new IllegalArgumentException("sku must not contain spaces");
        }

        @GetMapping("/constraint")
        String constraint() {
            throw new DataIntegrityViolationException("duplicate key value violates unique constraint \"uq_sku\"");
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("secret internal detail");
        }
    }
}
