package dev.atelier.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Stable problem types for the refusals Spring MVC raises itself, which come with {@code about:blank}. */
final class StatusTypes {

    private StatusTypes() {
    }

    static void complete(ProblemDetail problem, HttpStatusCode status) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(Problems.TYPE_ROOT + typeOf(status)));
        }
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
    }

    static String typeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
        };
    }
}
