package dev.atelier.gateway.state;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bucket4j's state store shared by every gateway replica: one row per bucket in the gateway's database, changed by
 * compare-and-swap (the update succeeds only if the row still holds the state this replica read, otherwise Bucket4j
 * reads again and retries), so that ten sign-in attempts are ten whichever replicas they reach. Rows of buckets
 * nobody used for longer than the longest window are deleted: such a bucket would be full again anyway. The
 * asynchronous operations run on {@code executor}, never on the caller's event-loop thread.
 */
public final class JdbcBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final JdbcTemplate jdbc;
    private final Executor executor;
    private final Duration keepIdle;
    private final Clock clock;

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

    /** Deletes the buckets nobody used for longer than the longest window; returns how many. */
    public int forgetIdle() {
        return jdbc.update("DELETE FROM rate_limit_bucket WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }
}
