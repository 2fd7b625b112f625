package dev.atelier.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the platform's RFC 9457 problems: a stable {@code type} under {@link #TYPE_ROOT}, a short title and a
 * human detail. Services mostly throw {@link ProblemException}; this is for code that builds a body itself.
 */
public final class Problems {

    public static final String TYPE_ROOT = "https://atelier.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_ROOT + type));
        problem.setTitle(title);
        return problem;
    }

    /** A 400 {@code validation} problem listing every offending field as {@code errors [{field, message}]}. */
    public static ProblemDetail validation(List<FieldProblem> errors) {
        String detail = errors.isEmpty() ? "the request is not valid"
                : String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), "validation", "The request is not valid", detail);
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message()))
                .toList());
        return problem;
    }
}
