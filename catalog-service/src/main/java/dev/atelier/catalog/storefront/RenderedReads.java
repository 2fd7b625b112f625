package dev.atelier.catalog.storefront;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storefront's public reads (product page, listing and search, facets) kept as the JSON bytes sent, with a strong
 * ETag, so that a repeated read costs neither SQL nor Hibernate nor Jackson. Correctness over reach: every write
 * transaction of this service that commits empties the cache (product edits, publishing, archiving, prices, categories
 * and occasions, stock levels and sales from other services' events, reviews): writes are rare beside reads, and
 * nothing has to know which answer a write touches. A read that began before such a commit never puts its answer
 * into the cache (the generation it started under is gone), so a change is visible to the next request after the
 * write returned.
 */
@Component
@EnableConfigurationProperties(StorefrontCacheProperties.class)
public class RenderedReads implements TransactionExecutionListener {

    /** The bytes of an answer, its content's ETag (quoted). */
    public record Rendered(byte[] json, String etag) {
    }

    private final Cache<String, Rendered> cache;
    private final AtomicLong generation = new AtomicLong();
    private final JsonMapper json;
    private final boolean enabled;

    RenderedReads(JsonMapper json, StorefrontCacheProperties properties, MeterRegistry meters) {
        this.json = json;
        this.enabled = properties.enabled();
        this.cache = Caffeine.newBuilder().maximumWeight(properties.maxBytes())
                .weigher((String key, Rendered value) -> key.length() * 2 + value.json().length + 64)
                .recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "storefront");
    }

    /**
     * The answer under {@code key}, rendered by {@code view} when it is not kept. An exception of the view (a 404, a
     * bad parameter) goes to the caller and nothing is kept.
     */
    public Rendered get(String key, Supplier<?> view) {
        if (!enabled) {
            return render(view.get());
        }
        Rendered kept = cache.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        long started = generation.get();
        Rendered fresh = render(view.get());
        if (generation.get() == started) {
            cache.put(key, fresh);
            // a commit between the check and the put: take it out again, the next read renders afresh
            if (generation.get() != started) {
                cache.invalidate(key);
            }
        }
        return fresh;
    }

    /** Forgets every kept answer. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    @Override
    public void afterCommit(TransactionExecution transaction, @org.jspecify.annotations.Nullable Throwable failure) {
        if (!transaction.isReadOnly()) {
            invalidateAll();
        }
    }

    private Rendered render(Object view) {
        byte[] bytes = json.writeValueAsBytes(view);
        return new Rendered(bytes, "\"" + hash(bytes) + "\"");
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
