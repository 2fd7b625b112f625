package dev.atelier.gateway.state;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bucket4j's state store shared by every gateway replica: one row per bucket in the gateway's database, changed by
 * compare-and-swap (the update succeeds only if the row still holds the state this replica read, otherwise Bucket4j
 * reads again and retries), so that ten sign-in attempts are ten whichever replicas they reach. Rows of buckets
 * nobody used for longer than the longest window are deleted: such a bucket would be full again anyway. The
 * asynchronous operations run on {@code executor}, never on the caller's event-loop thread.
 *
 * <p>{@link #batched} hands out one proxy per key and replica with Bucket4j's batching: the calls on a key that
 * arrive while one of them is being written are written together, in one compare-and-swap. Without it, many calls on
 * one key at once (one office's address, a benchmark's single client) each read and tried to swap the same row, and
 * all but one read it again: the checkout benchmark's 3,719 checkouts made 24,130 reads and as many updates, which
 * waited 66 s in all for the row's lock.
 */
public final class JdbcBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final JdbcTemplate jdbc;
    private final Executor executor;
    private final Duration keepIdle;
    private final Clock clock;
    private final Map<String, Batched> batched = new ConcurrentHashMap<>();

    /** A key's batching proxy on this replica, and when it was last handed out (the clock's millis). */
    private record Batched(AsyncBucketProxy proxy, AtomicLong usedAt) {
    }

    public JdbcBuckets(JdbcTemplate jdbc, Executor executor, Duration keepIdle, Clock clock) {
        super(ClientSideConfig.getDefault());
        this.jdbc = jdbc;
        this.executor = executor;
        this.keepIdle = keepIdle;
        this.clock = clock;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(read(key));
            }

            @Override
            public boolean compareAndSwap(byte @Nullable [] original, byte[] updated, RemoteBucketState state,
                    Optional<Long> timeoutNanos) {
                return swap(key, original, updated);
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        return new AsyncCompareAndSwapOperation() {
            @Override
            public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeoutNanos) {
                return CompletableFuture.supplyAsync(() -> Optional.ofNullable(read(key)), executor);
            }

            @Override
            public CompletableFuture<Boolean> compareAndSwap(byte @Nullable [] original, byte[] updated,
                    RemoteBucketState state, Optional<Long> timeoutNanos) {
                return CompletableFuture.supplyAsync(() -> swap(key, original, updated), executor);
            }
        };
    }

    private byte @Nullable [] read(String key) {
        return jdbc.query("SELECT state FROM rate_limit_bucket WHERE key = ?",
                rs -> rs.next() ? rs.getBytes(1) : null, key);
    }

    private boolean swap(String key, byte @Nullable [] original, byte[] updated) {
        Timestamp expires = Timestamp.from(clock.instant().plus(keepIdle));
        if (original == null) {
            return jdbc.update("INSERT INTO rate_limit_bucket (key, state, expires_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (key) DO NOTHING", key, updated, expires) == 1;
        }
        return jdbc.update("UPDATE rate_limit_bucket SET state = ?, expires_at = ? WHERE key = ? AND state = ?",
                updated, expires, key, original) == 1;
    }

    @Override
    public void removeProxy(String key) {
        jdbc.update("DELETE FROM rate_limit_bucket WHERE key = ?", key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return CompletableFuture.runAsync(() -> removeProxy(key), executor);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return true;
    }

    /**
     * The bucket of {@code key}, shared by this replica's concurrent callers: what they consume while a write of the
     * bucket is under way goes to the store together in the next one (each call still gets its own answer, in order).
     */
    public AsyncBucketProxy batched(String key, Supplier<BucketConfiguration> configuration) {
        Batched bucket = batched.computeIfAbsent(key, k -> new Batched(asAsync().builder()
                .withOptimization(Optimizations.batching())
                .build(k, () -> CompletableFuture.completedFuture(configuration.get())),
                new AtomicLong()));
        bucket.usedAt().set(clock.millis());
        return bucket.proxy();
    }

    /**
     * Deletes the buckets nobody used for longer than the longest window, and this replica's batching proxies of keys
     * unused as long; returns how many buckets were deleted.
     */
    public int forgetIdle() {
        long idleSince = clock.millis() - keepIdle.toMillis();
        batched.values().removeIf(bucket -> bucket.usedAt().get() < idleSince);
        return jdbc.update("DELETE FROM rate_limit_bucket WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }
}
