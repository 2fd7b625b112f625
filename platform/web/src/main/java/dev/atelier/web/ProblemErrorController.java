package dev.atelier.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The {@code /error} page as problem+json instead of Boot's HTML or JSON error: what the servlet container
 * answers for errors outside Spring MVC (a filter's refusal, an unparseable URL, an exception in a filter).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    /** A request attribute a filter may set to a {@link ProblemDetail} before {@code sendError}. */
    static final String PROBLEM_ATTRIBUTE = ProblemErrorController.class.getName() + ".problem";

    @RequestMapping(produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    @ResponseBody
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(PROBLEM_ATTRIBUTE) instanceof ProblemDetail problem) {
            return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ProblemException refusal) {
            return ApiProblems.respond(refusal);
        }
        HttpStatusCode status = statusOf(request);
        String detail = status.is5xxServerError() ? "the request failed on our side; it has been logged"
                : "the request was refused (" + status.value() + ")";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        StatusTypes.complete(problem, status);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            problem.setInstance(java.net.URI.create(path.replace(" ", "%20")));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatusCode statusOf(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400) {
            return HttpStatusCode.valueOf(code);
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
