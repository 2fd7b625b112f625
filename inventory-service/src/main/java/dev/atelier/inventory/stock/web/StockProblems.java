package dev.atelier.inventory.stock.web;

import dev.atelier.inventory.stock.StockConflictException;
import dev.atelier.inventory.stock.UnknownSkuException;
import dev.atelier.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The stock feature's refusals as problem+json, wherever in the API they arise (bundles name SKUs too). */
@RestControllerAdvice
class StockProblems {

    @ExceptionHandler(UnknownSkuException.class)
    ProblemDetail unknownSku(UnknownSkuException e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "unknown-sku", "Unknown SKU", e.getMessage());
        problem.setProperty("sku", e.sku());
        return problem;
    }

    @ExceptionHandler(StockConflictException.class)
    ProblemDetail conflict(StockConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "stock-conflict", "The stock does not allow this", e.getMessage());
    }
}
