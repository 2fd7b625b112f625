package dev.atelier.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal that the caller should read: thrown anywhere in a request, it is answered as problem+json with its
 * status, its type under {@link Problems#TYPE_ROOT}, its title and detail, any extra properties and, for a
 * temporary refusal, {@code Retry-After}.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private @Nullable Duration retryAfter;

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, "Invalid request", detail);
    }

    public static ProblemException notFound(String type, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, type, "Not found", detail);
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, type, "Conflict", detail);
    }

    public static ProblemException unprocessable(String type, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, type, "Request cannot be processed", detail);
    }

    public static ProblemException unavailable(String type, String detail, Duration retryAfter) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, type, "Temporarily unavailable", detail)
                .retryAfter(retryAfter);
    }

    public static ProblemException validation(List<FieldProblem> errors) {
        ProblemDetail body = Problems.validation(errors);
        ProblemException e = new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request is not valid",
                String.valueOf(body.getDetail()));
        e.with("errors", body.getProperties() == null ? List.of() : body.getProperties().get("errors"));
        return e;
    }

    /** Adds a property to the problem's body, e.g. the limit that was exceeded. */
    public ProblemException with(String name, @Nullable Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public ProblemException retryAfter(Duration after) {
        this.retryAfter = after;
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public ProblemDetail toProblem() {
        ProblemDetail problem = Problems.of(status, type, title, String.valueOf(getMessage()));
        properties.forEach(problem::setProperty);
        return problem;
    }
}
