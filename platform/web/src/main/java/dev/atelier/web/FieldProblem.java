package dev.atelier.web;

/** One offending field of a request that failed validation: its path in the request and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
