package dev.atelier.catalog.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes shoppers' uploads that no confirmed order names once they are older than
 * {@code atelier.media.retention.keep-unordered}: the storefront stores a preview picture with every basket line of a
 * personalised product, and a photo with every photo option, most of which are never bought. One replica at a time
 * (ShedLock).
 *
 * <p>In two steps, so that no row ever claims objects that are gone: first the rows are given up ({@code discarded_at},
 * one statement per batch; from then on nothing serves them and an order can no longer mark them), then each given-up
 * upload's objects are deleted from the store and only then its row. When the store fails, the run stops and the rows
 * left wait for the next run; a variant deleted before the failure is harmless, as nothing serves the upload any more.
 * The statements run outside a transaction of this service: what they change shows in no kept storefront answer.
 * Metrics: {@code catalog.media.retention.uploads{step=discarded|deleted}} and
 * {@code catalog.media.retention.store.failures}.
 */
@Component
public class UploadRetention {

    private static final Logger log = LoggerFactory.getLogger(UploadRetention.class);

    /** What one run did: uploads given up, uploads deleted (objects and row), and whether the store stopped it. */
    public record Run(int discarded, int deleted, boolean storeFailed) {
    }

    private final MediaLibrary library;
    private final MediaUploads uploads;
    private final MediaProperties.Retention retention;
    private final Clock clock;
    private final Counter discardedCount;
    private final Counter deletedCount;
    private final Counter storeFailures;

    UploadRetention(MediaLibrary library, MediaUploads uploads, MediaProperties properties, Clock clock,
            MeterRegistry meters) {
        this.library = library;
        this.uploads = uploads;
        this.retention = properties.retention();
        this.clock = clock;
        this.discardedCount = Counter.builder("catalog.media.retention.uploads").tag("step", "discarded")
                .description("shoppers' uploads given up by the retention job").register(meters);
        this.deletedCount = Counter.builder("catalog.media.retention.uploads").tag("step", "deleted")
                .description("shoppers' uploads whose objects and row the retention job deleted").register(meters);
        this.storeFailures = Counter.builder("catalog.media.retention.store.failures")
                .description("retention runs stopped by the media store").register(meters);
    }

    @Scheduled(fixedDelayString = "${atelier.media.retention.interval:1h}",
            initialDelayString = "${atelier.media.retention.interval:1h}")
    @SchedulerLock(name = "media-retention", lockAtMostFor = "PT30M")
    public void scheduled() {
        Run run = run();
        if (run.discarded() > 0 || run.deleted() > 0 || run.storeFailed()) {
            log.info("Shoppers' uploads older than {} and never ordered: {} given up, {} deleted{}",
                    retention.keepUnordered(), run.discarded(), run.deleted(),
                    run.storeFailed() ? "; the media store failed, the rest waits for the next run" : "");
        }
    }

    /** One run, as the schedule calls it (tests call it directly). */
    public Run run() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention.keepUnordered());
        int discarded = 0;
        int batch;
        do {
            batch = library.discardUnordered(cutoff, now, retention.batch());
            discarded += batch;
            discardedCount.increment(batch);
        } while (batch == retention.batch());

        int deleted = 0;
        List<StoredMedia> given;
        do {
            given = library.discarded(retention.batch());
            for (StoredMedia media : given) {
                try {
                    uploads.deleteObjects(media);
                } catch (RuntimeException e) {
                    log.warn("Could not delete the objects of upload {}: {}", media.id(), e.getMessage());
                    storeFailures.increment();
                    return new Run(discarded, deleted, true);
                }
                library.forget(media.id());
                deleted++;
                deletedCount.increment();
            }
        } while (given.size() == retention.batch());
        return new Run(discarded, deleted, false);
    }
}
