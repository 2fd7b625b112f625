package dev.atelier.catalog.product.web;

import dev.atelier.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Two edits of one product at the same moment: the later one is refused as a conflict, not a busy store. */
@RestControllerAdvice
class ProductProblems {

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ProblemDetail concurrentEdit(ObjectOptimisticLockingFailureException e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-edit", "Edited at the same time",
                "someone else changed this at the same moment; nothing was written, read it again and retry");
    }
}
