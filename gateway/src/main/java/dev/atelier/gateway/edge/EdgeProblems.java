package dev.atelier.gateway.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own refusals as RFC 9457 problem+json, in the same shape as the services' (platform/web): an
 * unknown or internal path, a body too large, too many requests, a failure of the gateway itself. Registered
 * ahead of Boot's error handler, so no request ever gets Boot's JSON error or an HTML page from the edge.
 */
@Component
@Order(-3)
class EdgeProblems implements WebExceptionHandler {

    static final String TYPE_ROOT = "https://atelier.dev/problems/";
    private static final Logger log = LoggerFactory.getLogger(EdgeProblems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_ROOT + type));
        problem.setTitle(title);
        return problem;
    }

    /** Writes a problem as the whole response; for filters that refuse before any route runs. */
    static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, @Nullable Duration retryAfter) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", exchange.getRequest().getPath().value());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsString(body)
                .getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException refusal) {
            HttpStatusCode status = refusal.getStatusCode();
            String detail = switch (status.value()) {
                case 404 -> "there is nothing at " + exchange.getRequest().getPath().value();
                case 405 -> exchange.getRequest().getMethod() + " is not allowed here";
                case 413 -> "the request body is too large";
                default -> refusal.getReason() == null ? "the request was refused" : refusal.getReason();
            };
            return write(exchange, problem(status, typeOf(status), titleOf(status), detail), null);
        }
        if (org.springframework.web.util.DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // a connection closed under the request: the shopper's, when the client gave up (a benchmark's deadline,
            // a closed tab), or a service's. Not the gateway failing: one line, and an answer to try again, which
            // a client that is still there can act on
            log.warn("a connection closed before {} {} was answered: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), failure.toString());
            return write(exchange, problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "Service unavailable", "the connection closed before the answer was sent; please try again"),
                    Duration.ofSeconds(1));
        }
        log.error("the gateway failed on {} {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), failure);
        return write(exchange, problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the request failed on our side; it has been logged"), null);
    }

    private static String typeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "service-unavailable";
            case 504 -> "upstream-timeout";
            default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
        };
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
