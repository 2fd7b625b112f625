package dev.atelier.gateway.storefront;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The services' answers that are the same for every shopper, shared between pages: the home page asks catalog for its
 * shelves, categories and occasions once per interval, not four times per page, and a listing, its facets, a product
 * and its first reviews are asked once per interval however many shoppers look at them.
 * <ul>
 * <li>For {@code atelier.storefront.shared-reads-for} (5 s) after a success, pages get it as it is.</li>
 * <li>After that, and up to {@code atelier.storefront.shared-reads-stale-for} (1 min) old, pages still get it at
 *     once while one call in the background asks for a fresh one: no shopper waits for the refresh. A refusal or a
 *     failure of that call is not kept; the kept answer keeps serving and the next page asks again.</li>
 * <li>With nothing kept, or only an answer older than that, a page waits for a call; concurrent askers share one.
 *     A refusal or a service that does not answer is never kept.</li>
 * </ul>
 * Before, every page that came after the interval ended waited for catalog, so every 5 s the home pages of that moment
 * took a round trip to catalog, under load the render benchmark's slowest 1 %. The price is staleness: a change in
 * catalog (a new product, a renamed category, the best sellers' order) reaches the home page up to the interval and
 * one call later, per gateway instance, and up to a minute if catalog stops answering. A zero interval shares
 * nothing.
 * <p>
 * Keys are paths, some with a shopper's input in them (a search, a filter, a slug). At most
 * {@code atelier.storefront.shared-reads-max} (2,000) are kept, the least used leaving first, and a key nobody asked
 * for over the stale window leaves too: a crawler walking every filter, or someone inventing slugs, costs a bounded
 * amount of memory and takes nothing from anyone but the cache's hit rate.
 */
@Component
class SharedReads {

    private final long freshNanos;
    private final long staleNanos;
    private final LongSupplier clock;
    private final Cache<String, Entry> entries;

    @Autowired
    SharedReads(@Value("${atelier.storefront.shared-reads-for:5s}") Duration keptFor,
            @Value("${atelier.storefront.shared-reads-stale-for:1m}") Duration staleFor,
            @Value("${atelier.storefront.shared-reads-max:2000}") int max) {
        this(keptFor, staleFor, max, System::nanoTime);
    }

    SharedReads(Duration keptFor, Duration staleFor, LongSupplier clock) {
        this(keptFor, staleFor, 2000, clock);
    }

    SharedReads(Duration keptFor, Duration staleFor, int max, LongSupplier clock) {
        if (max < 1) {
            throw new IllegalArgumentException("atelier.storefront.shared-reads-max must be at least 1, was " + max);
        }
        this.freshNanos = keptFor.toNanos();
        this.staleNanos = Math.max(freshNanos, staleFor.toNanos());
        this.clock = clock;
        // evictions run on the calling thread: no pool's thread touches the map behind a test's clock
        this.entries = Caffeine.newBuilder().maximumSize(max).expireAfterAccess(Duration.ofNanos(staleNanos))
                .ticker(clock::getAsLong).executor(Runnable::run).build();
    }

    /** How many keys are kept now (after pending evictions): for tests and the README's sizing. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** The answer under {@code key}: the kept one while it is fresh (or stale, refreshed behind), else {@code call}'s. */
    Mono<ServiceAnswer> get(String key, Supplier<Mono<ServiceAnswer>> call) {
        if (freshNanos == 0) {
            return Mono.defer(call);
        }
        Entry entry = entries.get(key, k -> new Entry());
        Kept kept = entry.kept;
        long now = clock.getAsLong();
        if (kept != null && now - kept.at() <= freshNanos) {
            return Mono.just(kept.answer());
        }
        if (kept != null && now - kept.at() <= staleNanos) {
            entry.refreshBehind(call);
            return Mono.just(kept.answer());
        }
        return entry.shared(call);
    }

    private record Kept(ServiceAnswer answer, long at) {
    }

    private final class Entry {

        volatile @Nullable Kept kept;
        private final AtomicBoolean refreshing = new AtomicBoolean();
        private @Nullable Mono<ServiceAnswer> pending;

        private void keep(ServiceAnswer answer) {
            if (answer.ok()) {
                kept = new Kept(answer, clock.getAsLong());
            }
        }

        /** One call at a time in the background; what it brings is kept only when it is a success. */
        void refreshBehind(Supplier<Mono<ServiceAnswer>> call) {
            if (refreshing.compareAndSet(false, true)) {
                Mono.defer(call).doFinally(signal -> refreshing.set(false))
                        .subscribe(this::keep, failure -> { });
            }
        }

        /** The call every concurrent asker waits for, shared while it is under way. */
        synchronized Mono<ServiceAnswer> shared(Supplier<Mono<ServiceAnswer>> call) {
            if (pending == null) {
                Mono<ServiceAnswer> shared = Mono.defer(call).doOnNext(this::keep).doFinally(signal -> done()).cache();
                pending = shared;
                return shared;
            }
            return pending;
        }

        private synchronized void done() {
            pending = null;
        }
    }
}
