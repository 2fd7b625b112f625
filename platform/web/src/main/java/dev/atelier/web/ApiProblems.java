package dev.atelier.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error a service's API raises, answered as RFC 9457 problem+json: Spring MVC's own refusals (unknown path,
 * wrong method or media type, unreadable or over-large body, wrong parameter type, failed validation) with a
 * stable {@code type} and a detail a client developer can act on, the services' {@link ProblemException}s, and a
 * last-resort 500 that says nothing about the internals. Services' own advice runs first (this one is last).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e) {
        return respond(e);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                "Invalid request", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("request failed with an unexpected error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "Internal error", "the request failed on our side; it has been logged"));
    }

    static ResponseEntity<ProblemDetail> respond(ProblemException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(e.toProblem());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new java.util.ArrayList<>(e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList());
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
                new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(Problems.validation(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(Problems.validation(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "of another type" : describe(e.getRequiredType());
        return ResponseEntity.badRequest().body(Problems.validation(List.of(
                new FieldProblem(field, "must be " + expected + ", was '" + e.getValue() + "'"))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonBodyLimitFilter.BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge.problem());
            }
            if (cause instanceof IllegalArgumentException invalid && cause != e) {
                String field = fieldOf(e);
                return ResponseEntity.badRequest().body(Problems.validation(List.of(
                        new FieldProblem(field == null ? "body" : field, String.valueOf(invalid.getMessage())))));
            }
        }
        return ResponseEntity.badRequest().body(unreadable(e));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            StatusTypes.complete(problem, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String field = fieldOf(e);
        MismatchedInputException mismatch = find(e, MismatchedInputException.class);
        if (mismatch != null && field != null) {
            String expected = mismatch.getTargetType() == null ? "of another type" : describe(mismatch.getTargetType());
            return Problems.validation(List.of(new FieldProblem(field, "must be " + expected)));
        }
        StreamReadException malformed = find(e, StreamReadException.class);
        if (malformed != null && malformed.getLocation() != null) {
            return Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    "the body is not valid JSON (line " + malformed.getLocation().getLineNr() + ", column "
                            + malformed.getLocation().getColumnNr() + ")");
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Required request body is missing")) {
            return Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Missing request body",
                    "this request needs a JSON body");
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "the body could not be read as the JSON this endpoint expects");
    }

    private static @Nullable String fieldOf(Throwable e) {
        JacksonException jackson = find(e, JacksonException.class);
        if (jackson == null || jackson.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).toList());
        }
        if (type == String.class || type == Character.class) {
            return "text";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
