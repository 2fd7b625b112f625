package dev.atelier.web.security;

import dev.atelier.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as problem+json, with the {@code WWW-Authenticate: Bearer …} header RFC 6750 asks for (the bearer
 * handlers write it; the body is ours); and 503 when a token cannot be checked at all.
 */
final class SecurityProblems {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Seconds a caller should wait when customer-service's keys cannot be fetched. */
    static final int IDENTITY_RETRY_AFTER_SECONDS = 5;

    private SecurityProblems() {
    }

    static AuthenticationEntryPoint unauthenticated() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                    "this API needs a valid access token (Authorization: Bearer …)"));
        };
    }

    /**
     * A bearer token that failed to authenticate: 401 when the token is at fault, 503 with {@code Retry-After} when
     * the service is (customer-service's JWKS cannot be fetched). Spring Security rethrows the latter by default,
     * which the servlet container turns into a 500.
     */
    static AuthenticationFailureHandler tokenFailures() {
        AuthenticationEntryPoint unauthenticated = unauthenticated();
        return (request, response, exception) -> {
            if (exception instanceof AuthenticationServiceException) {
                log.warn("cannot check the bearer token of {} {}: {}", request.getMethod(), request.getRequestURI(),
                        exception.getMessage());
                response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(IDENTITY_RETRY_AFTER_SECONDS));
                write(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "identity-unavailable",
                        "Temporarily unavailable", "the access token cannot be checked right now (the identity"
                                + " service's keys are out of reach); try again shortly"));
                return;
            }
            unauthenticated.commence(request, response, exception);
        };
    }

    static AccessDeniedHandler forbidden() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            String detail = request.getRequestURI().startsWith("/api/admin/")
                    ? "this API is for staff who signed in with their second factor"
                    : "this token may not use this API";
            write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
        };
    }

    private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        response.setStatus(problem.getStatus());
        response.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
