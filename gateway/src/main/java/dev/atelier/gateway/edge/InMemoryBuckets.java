package dev.atelier.gateway.edge;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket4j's state store for one gateway replica: the buckets' serialised state in a map, swapped atomically.
 * The limiter speaks only to Bucket4j's {@code ProxyManager}, so running several replicas means handing it a
 * shared store (a compare-and-swap on a PostgreSQL or Redis row) instead of this one; nothing else changes.
 */
final class InMemoryBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private record State(byte[] data, long touchedAtNanos) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    InMemoryBuckets() {
        super(ClientSideConfig.getDefault());
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeout) {
                State state = states.get(key);
                return state == null ? Optional.empty() : Optional.of(state.data());
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state,
                    Optional<Long> timeout) {
                State next = new State(updated, System.nanoTime());
                if (original == null) {
                    return states.putIfAbsent(key, next) == null;
                }
                boolean[] swapped = {false};
                states.computeIfPresent(key, (k, current) -> {
                    if (Arrays.equals(current.data(), original)) {
                        swapped[0] = true;
                        return next;
                    }
                    return current;
                });
                return swapped[0];
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        CompareAndSwapOperation sync = beginCompareAndSwapOperation(key);
        return new AsyncCompareAndSwapOperation() {
            @Override
            public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeout) {
                return CompletableFuture.completedFuture(sync.getStateData(timeout));
            }

            @Override
            public CompletableFuture<Boolean> compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state,
                    Optional<Long> timeout) {
                return CompletableFuture.completedFuture(sync.compareAndSwap(original, updated, state, timeout));
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        states.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        states.remove(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return true;
    }

    /**
     * Forgets the buckets nobody used for {@code idle}: a bucket refills completely within its window, so one idle
     * for longer than the longest window is indistinguishable from a new one, and the map stays as small as the
     * set of recent clients.
     */
    void forgetIdle(java.time.Duration idle) {
        long now = System.nanoTime();
        states.values().removeIf(state -> now - state.touchedAtNanos() > idle.toNanos());
    }

    int size() {
        return states.size();
    }
}
