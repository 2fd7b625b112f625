package dev.atelier.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The strict rate limits hold across replicas: this gateway's store and a second one over the same database (another
 * replica, or this one after a restart) draw on the same buckets, also when both consume at the same moment.
 */
class SharedBucketsTest extends GatewayTest {

    /** Refilled only after an hour: a slow machine must not earn a token back while the test runs. */
    private static final BucketConfiguration TEN_PER_HOUR = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(10).refillIntervally(10, Duration.ofHours(1))).build();

    @Autowired
    JdbcBuckets thisReplica;

    private final JdbcBuckets otherReplica = new JdbcBuckets(new JdbcTemplate(POSTGRES.dataSource("gateway")),
            Executors.newVirtualThreadPerTaskExecutor(), Duration.ofMinutes(10), Clock.systemUTC());

    @Test
    void twoReplicasShareOneBudget() {
        String key = "sign-in:test-" + UUID.randomUUID();
        BucketProxy here = thisReplica.getProxy(key, () -> TEN_PER_HOUR);
        BucketProxy there = otherReplica.getProxy(key, () -> TEN_PER_HOUR);

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat((attempt % 2 == 0 ? here : there).tryConsume(1)).as("attempt " + attempt).isTrue();
        }

        assertThat(here.tryConsume(1)).isFalse();
        assertThat(there.tryConsume(1)).isFalse();
    }

    @Test
    void concurrentAttemptsOnBothReplicasNeverExceedTheBudget() {
        String key = "checkout:test-" + UUID.randomUUID();
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            JdbcBuckets replica = i % 2 == 0 ? thisReplica : otherReplica;
            attempts.add(replica.asAsync().getProxy(key, () -> CompletableFuture.completedFuture(TEN_PER_HOUR))
                    .tryConsume(1));
        }

        long allowed = attempts.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();

        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void aReplicasConcurrentCallsOnOneKeyAreWrittenTogetherAndStillNeverExceedTheBudget() {
        AtomicInteger writes = new AtomicInteger();
        JdbcTemplate counting = new JdbcTemplate(POSTGRES.dataSource("gateway")) {
            @Override
            public int update(String sql, @Nullable Object... args) {
                writes.incrementAndGet();
                return super.update(sql, args);
            }
        };
        JdbcBuckets replica = new JdbcBuckets(counting, Executors.newVirtualThreadPerTaskExecutor(),
                Duration.ofMinutes(10), Clock.systemUTC());
        String key = "checkout:test-" + UUID.randomUUID();
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            attempts.add(replica.batched(key, () -> TEN_PER_HOUR).tryConsume(1));
        }
        // and the other replica, unbatched, at the same time
        for (int i = 0; i < 10; i++) {
            attempts.add(otherReplica.asAsync().getProxy(key, () -> CompletableFuture.completedFuture(TEN_PER_HOUR))
                    .tryConsume(1));
        }

        long allowed = attempts.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();

        assertThat(allowed).isEqualTo(10);
        // one attempt at a time would have made at least 60 writes, and retries more: batches of them make a few
        assertThat(writes.get()).isLessThan(30);
    }

    @Test
    void forgetsOnlyBucketsIdlePastTheirWindow() {
        String key = "sign-up:test-" + UUID.randomUUID();
        thisReplica.getProxy(key, () -> TEN_PER_HOUR).tryConsume(1);
        JdbcBuckets later = new JdbcBuckets(new JdbcTemplate(POSTGRES.dataSource("gateway")),
                Executors.newVirtualThreadPerTaskExecutor(), Duration.ofMinutes(10),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11)));
        JdbcTemplate jdbc = new JdbcTemplate(POSTGRES.dataSource("gateway"));

        thisReplica.forgetIdle();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rate_limit_bucket WHERE key = ?", Long.class, key))
                .isEqualTo(1);
        later.forgetIdle();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rate_limit_bucket WHERE key = ?", Long.class, key))
                .isZero();
    }
}
