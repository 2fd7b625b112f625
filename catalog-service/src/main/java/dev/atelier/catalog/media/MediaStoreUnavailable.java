package dev.atelier.catalog.media;

import dev.atelier.web.ProblemException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer when the media store cannot be reached or fails: a 503 problem that tells the client to retry shortly
 * (the cause is logged here, since the client sees none of it).
 */
final class MediaStoreUnavailable {

    private static final Logger log = LoggerFactory.getLogger(MediaStoreUnavailable.class);

    private MediaStoreUnavailable() {
    }

    static ProblemException because(String action, String key, Throwable cause) {
        log.warn("The media store cannot {} {}: {}", action, key, cause.toString());
        ProblemException problem = ProblemException.unavailable("media-store-unavailable",
                "the image store cannot " + action + " images now; try again shortly", Duration.ofSeconds(5));
        problem.initCause(cause);
        return problem;
    }
}
