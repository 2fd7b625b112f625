package dev.atelier.catalog.storefront;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.persistence.EntityManagerFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storefront's public reads (product page, listing and search, facets, the category tree and the occasions) kept
 * as the JSON bytes sent, with a strong
 * ETag, so that a repeated read costs neither SQL nor Hibernate nor Jackson.
 *
 * <p>Correctness over reach: a write transaction of this service that commits empties the cache (product edits,
 * publishing, archiving, prices, categories and occasions, reviews), unless what it wrote is declared narrower. The
 * consumers of other services' events declare what their writes change ({@link #stockChanged}, {@link #sold},
 * {@link #noneShown}), because those arrive all the time under checkout load: a stock level forgets only the product
 * pages that show that SKU (and the listings and facets only when a product can have gone in or out of stock), a sale
 * only the pages of the SKUs sold and the best-selling listings. A transaction that wrote nothing (an event every
 * handler ignores) forgets nothing. A read that began before a commit that forgets its answer never puts its answer
 * into the cache, so a change is visible to the next request after the write returned.
 */
@Component
@EnableConfigurationProperties(StorefrontCacheProperties.class)
public class RenderedReads implements TransactionExecutionListener {

    /** The bytes of an answer, its content's ETag (quoted). */
    public record Rendered(byte[] json, String etag) {
    }

    /**
     * What of the figures other services' events change an answer shows.
     *
     * @param skus        the SKUs whose stock and units sold it shows (a product page: its variants and their bundles'
     *                    components)
     * @param stockStates whether it shows or filters by whether products are in stock (listings, facets)
     * @param bySales     whether it is ordered by units sold (the best-selling listing)
     */
    public record Reach(Set<String> skus, boolean stockStates, boolean bySales) {

        public Reach {
            skus = Set.copyOf(skus);
        }

        /** A product page: the stock and sales of these SKUs. */
        public static Reach skus(Collection<String> skus) {
            return new Reach(new HashSet<>(skus), false, false);
        }

        /**
         * An answer that shows no stock or sales figure (the category tree, the occasions): no other service's event
         * forgets it, only this service's own writes.
         */
        public static Reach none() {
            return new Reach(Set.of(), false, false);
        }

        /** A listing or the facets: every product's in-stock state, and units sold when ordered by them. */
        public static Reach listing(boolean bySales) {
            return new Reach(Set.of(), true, bySales);
        }
    }

    /** An answer kept with what it shows. */
    private record Kept(Rendered rendered, Reach reach) {
    }

    private static final int REMEMBERED = 1024;

    private final Cache<String, Kept> cache;
    /** Counts forgets; a read renders under the generation it started in. */
    private final AtomicLong generation = new AtomicLong();
    /** What the recent generations forgot, so that a read that saw some of them can tell whether its answer is hit. */
    private final Map<Long, Predicate<Kept>> forgotten = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final boolean enabled;
    private final JdbcClient jdbc;
    private final EntityManagerFactory entityManagers;

    RenderedReads(JsonMapper json, StorefrontCacheProperties properties, MeterRegistry meters, JdbcClient jdbc,
            EntityManagerFactory entityManagers) {
        this.json = json;
        this.enabled = properties.enabled();
        this.jdbc = jdbc;
        this.entityManagers = entityManagers;
        this.cache = Caffeine.newBuilder().maximumWeight(properties.maxBytes())
                .weigher((String key, Kept value) -> key.length() * 2 + value.rendered().json().length + 64)
                .recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "storefront");
    }

    /**
     * The answer under {@code key}, rendered by {@code view} when it is not kept; {@code reach} says what the view
     * shows of stock and sales. An exception of the view (a 404, a bad parameter) goes to the caller and nothing is
     * kept.
     */
    public <T> Rendered get(String key, Supplier<T> view, Function<? super T, Reach> reach) {
        if (!enabled) {
            return render(view.get());
        }
        Kept kept = cache.getIfPresent(key);
        if (kept != null) {
            return kept.rendered();
        }
        long started = generation.get();
        T fresh = view.get();
        Kept rendered = new Kept(render(fresh), reach.apply(fresh));
        long checked = generation.get();
        if (!forgottenSince(started, checked, rendered)) {
            cache.put(key, rendered);
            // a commit between the check and the put that forgets it: take it out again, the next read renders afresh
            if (forgottenSince(checked, generation.get(), rendered)) {
                cache.invalidate(key);
            }
        }
        return rendered.rendered();
    }

    /** Forgets every kept answer. */
    public void invalidateAll() {
        forget(kept -> true);
    }

    /**
     * Declares, inside the transaction that records it, that the available stock of {@code sku} changed, and whether a
     * product can have gone in or out of stock with it ({@code stateChanged}: zero crossed, or a bundle's component
     * quantity). Kept answers that show it are forgotten when the transaction commits.
     */
    public void stockChanged(String sku, boolean stateChanged) {
        declare(new Declared(false, kept -> kept.reach().skus().contains(sku)
                || stateChanged && kept.reach().stockStates()));
    }

    /** Declares, inside the transaction that counts them, that units of {@code skus} were sold. */
    public void sold(Collection<String> skus) {
        Set<String> sold = Set.copyOf(skus);
        declare(new Declared(false, kept -> kept.reach().bySales()
                || kept.reach().skus().stream().anyMatch(sold::contains)));
    }

    /**
     * Declares that the current transaction changes only what the pages of the products with these SKUs show (a
     * review figure): those pages are forgotten when it commits; listings and facets, which show no review, are kept.
     */
    public void productPagesOf(Collection<String> skus) {
        Set<String> shown = Set.copyOf(skus);
        declare(new Declared(false, kept -> kept.reach().skus().stream().anyMatch(shown::contains)));
    }

    /** Declares that what the current transaction writes shows in no kept answer. */
    public void noneShown() {
        declare(new Declared(false, kept -> false));
    }

    /** Declares that the current transaction may change any answer: every kept answer goes when it commits. */
    public void anythingMayChange() {
        declare(new Declared(true, kept -> true));
    }

    /** What one handler declared. */
    private record Declared(boolean everything, Predicate<Kept> forgets) {
    }

    /** The declarations of one transaction, applied once it has committed. */
    private final class Declarations implements TransactionSynchronization {

        private boolean everything;
        private final List<Predicate<Kept>> forgets = new ArrayList<>();

        void add(Declared declared) {
            everything |= declared.everything();
            forgets.add(declared.forgets());
        }

        @Override
        public void afterCommit() {
            if (everything) {
                invalidateAll();
            } else {
                forget(kept -> forgets.stream().anyMatch(forget -> forget.test(kept)));
            }
        }
    }

    private void declare(Declared declared) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // no transaction to wait for: the write has been committed already
            Declarations now = new Declarations();
            now.add(declared);
            now.afterCommit();
            return;
        }
        declarations(true).add(declared);
    }

    private @Nullable Declarations declarations(boolean create) {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Declarations declarations) {
                return declarations;
            }
        }
        if (!create) {
            return null;
        }
        Declarations declarations = new Declarations();
        TransactionSynchronizationManager.registerSynchronization(declarations);
        return declarations;
    }

    /**
     * A write transaction that declared nothing: when it wrote anything at all, every kept answer goes after it
     * commits; one that wrote nothing (events every handler ignores) keeps them. Transaction synchronization is on for
     * every transaction here (Spring's default), which is what carries the decision to after the commit.
     */
    @Override
    public void beforeCommit(TransactionExecution transaction) {
        if (transaction.isReadOnly() || !TransactionSynchronizationManager.isSynchronizationActive()
                || declarations(false) != null) {
            return;
        }
        if (wrote()) {
            declarations(true).add(new Declared(true, kept -> true));
        }
    }

    /** Whether the current transaction changed a row or holds an entity change not yet flushed. */
    private boolean wrote() {
        // the transaction's own entity manager, never a new one
        if (TransactionSynchronizationManager.getResource(entityManagers) instanceof EntityManagerHolder holder
                && holder.getEntityManager().unwrap(Session.class).isDirty()) {
            return true;
        }
        try {
            // PostgreSQL gives a transaction its id at its first write, and only then
            return Boolean.TRUE.equals(jdbc.sql("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
                    .query(Boolean.class).single());
        } catch (RuntimeException unknown) {
            // the commit will most likely fail too; should it not, assume the worst
            return true;
        }
    }

    private void forget(Predicate<Kept> which) {
        long now = generation.incrementAndGet();
        forgotten.put(now, which);
        forgotten.remove(now - REMEMBERED);
        cache.asMap().values().removeIf(which);
    }

    /**
     * Whether a forget of the generations after {@code from} up to {@code to} hits {@code kept}; one no longer (or
     * not yet) remembered counts as a hit.
     */
    private boolean forgottenSince(long from, long to, Kept kept) {
        if (to - from >= REMEMBERED) {
            return true;
        }
        for (long each = from + 1; each <= to; each++) {
            Predicate<Kept> which = forgotten.get(each);
            if (which == null || which.test(kept)) {
                return true;
            }
        }
        return false;
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
