package dev.atelier.catalog.review;

/** A moderation step the review's state does not allow (publishing a rejected review). */
public class ReviewStateException extends RuntimeException {

    ReviewStateException(String message) {
        super(message);
    }
}
