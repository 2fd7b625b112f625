package dev.atelier.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Database refusals that reach the web layer: a constraint the request broke is a 409 (the transaction rolled
 * back, nothing was written), a lock or timeout that may pass is a 503 with {@code Retry-After}. A service that
 * can say more (which constraint, what to change) throws its own {@link ProblemException} first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class DataAccessProblems {

    private static final Logger log = LoggerFactory.getLogger(DataAccessProblems.class);

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException e) {
        log.info("request refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, "conflict",
                "Conflict", "the change conflicts with the data already stored; nothing was written"));
    }

    @ExceptionHandler({TransientDataAccessException.class, PessimisticLockingFailureException.class,
            QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> busy(RuntimeException e) {
        log.warn("request failed on a transient database error: {}", e.getMessage());
        return ApiProblems.respond(ProblemException.unavailable("unavailable",
                "the store is busy; nothing was written, try again shortly", Duration.ofSeconds(1)));
    }
}
