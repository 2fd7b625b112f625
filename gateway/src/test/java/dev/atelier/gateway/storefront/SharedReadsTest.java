package dev.atelier.gateway.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What every shopper shares: one call per interval, concurrent askers one call, no failure kept, and a stale answer
 * served at once while one call refreshes it behind.
 */
class SharedReadsTest {

    private final AtomicInteger calls = new AtomicInteger();

    private Mono<ServiceAnswer> answering(int status) {
        return Mono.fromCallable(() -> new ServiceAnswer(status, Map.of("call", calls.incrementAndGet())));
    }

    @Test
    void aSuccessIsSharedWhileItIsFreshThenAskedAgain() {
        SharedReads reads = new SharedReads(Duration.ofMillis(300), Duration.ofMinutes(1), System::nanoTime);

        ServiceAnswer first = reads.get("catalog/categories", () -> answering(200)).block();
        ServiceAnswer second = reads.get("catalog/categories", () -> answering(200)).block();
        ServiceAnswer other = reads.get("catalog/occasions", () -> answering(200)).block();

        assertThat(second).isSameAs(first);
        assertThat(other.body().get("call")).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                !reads.get("catalog/categories", () -> answering(200)).block().equals(first));
    }

    @Test
    void aRefusalOrAFailureIsNeverKept() {
        SharedReads reads = new SharedReads(Duration.ofMinutes(1), Duration.ofMinutes(2), System::nanoTime);
        // the service refuses the first call, fails the second and answers the third
        java.util.function.Supplier<Mono<ServiceAnswer>> catalog = () -> switch (calls.get()) {
            case 0 -> answering(503);
            case 1 -> Mono.fromCallable(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException("connection refused");
            });
            default -> answering(200);
        };

        ServiceAnswer refused = reads.get("catalog/categories", catalog).block();
        assertThatThrownBy(() -> reads.get("catalog/categories", catalog).block()).hasMessage("connection refused");
        ServiceAnswer answered = reads.get("catalog/categories", catalog).block();
        ServiceAnswer kept = reads.get("catalog/categories", catalog).block();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(answered.ok()).isTrue();
        assertThat(kept).isSameAs(answered);
        assertThat(calls).hasValue(3);
    }

    @Test
    void concurrentFirstAskersShareOneCall() {
        SharedReads reads = new SharedReads(Duration.ofMinutes(1), Duration.ofMinutes(2), System::nanoTime);
        Sinks.One<ServiceAnswer> slow = Sinks.one();

        Mono<ServiceAnswer> one = reads.get("catalog/home", () -> {
            calls.incrementAndGet();
            return slow.asMono();
        });
        Mono<ServiceAnswer> two = reads.get("catalog/home", () -> {
            calls.incrementAndGet();
            return slow.asMono();
        });
        List<ServiceAnswer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        one.subscribe(seen::add);
        two.subscribe(seen::add);
        slow.tryEmitValue(new ServiceAnswer(200, Map.of()));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(calls).hasValue(1);
    }

    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();

    private SharedReads onTheTestClock() {
        return new SharedReads(Duration.ofSeconds(5), Duration.ofMinutes(1), now::get);
    }

    @Test
    void aStaleAnswerIsServedAtOnceWhileOneCallRefreshesItBehind() {
        SharedReads reads = onTheTestClock();
        ServiceAnswer old = reads.get("catalog/home", () -> answering(200)).block();
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        Sinks.One<ServiceAnswer> slow = Sinks.one();
        java.util.function.Supplier<Mono<ServiceAnswer>> refresh = () -> {
            calls.incrementAndGet();
            return slow.asMono();
        };

        // catalog has not answered the refresh yet: nobody waits for it, and only one refresh is asked for
        ServiceAnswer first = reads.get("catalog/home", refresh).block(Duration.ofSeconds(1));
        ServiceAnswer second = reads.get("catalog/home", refresh).block(Duration.ofSeconds(1));
        assertThat(first).isSameAs(old);
        assertThat(second).isSameAs(old);
        assertThat(calls).hasValue(2);

        ServiceAnswer fresh = new ServiceAnswer(200, Map.of("call", "fresh"));
        slow.tryEmitValue(fresh);
        assertThat(reads.get("catalog/home", () -> answering(200)).block()).isSameAs(fresh);
    }

    @Test
    void aFailedRefreshKeepsServingTheKeptAnswerUntilItIsTooOld() {
        SharedReads reads = onTheTestClock();
        ServiceAnswer old = reads.get("catalog/home", () -> answering(200)).block();
        now.addAndGet(Duration.ofSeconds(30).toNanos());

        ServiceAnswer duringTheOutage = reads.get("catalog/home", () -> answering(503)).block();
        ServiceAnswer afterAFailure = reads.get("catalog/home",
                () -> Mono.error(new IllegalStateException("connection refused"))).block();
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        ServiceAnswer tooOld = reads.get("catalog/home", () -> answering(503)).block();

        assertThat(duringTheOutage).isSameAs(old);
        assertThat(afterAFailure).isSameAs(old);
        assertThat(tooOld.status()).as("over a minute old, the page waits for catalog's own answer").isEqualTo(503);
    }

    @Test
    void aZeroIntervalSharesNothing() {
        SharedReads reads = new SharedReads(Duration.ZERO, Duration.ofMinutes(1), now::get);

        reads.get("catalog/home", () -> answering(200)).block();
        ServiceAnswer second = reads.get("catalog/home", () -> answering(200)).block();

        assertThat(second.body().get("call")).isEqualTo(2);
    }

    @Test
    void keysMadeOfShoppersInputAreBounded() {
        SharedReads reads = new SharedReads(Duration.ofSeconds(5), Duration.ofMinutes(1), 3, now::get);
        for (int i = 0; i < 50; i++) {
            // a crawler walking a filter's every value
            reads.get("catalog/api/catalog/products?q=mug&price=" + i, () -> answering(200)).block();
        }

        assertThat(reads.size()).isLessThanOrEqualTo(3);
        assertThat(calls).hasValue(50);
    }

    @Test
    void aKeyNobodyAsksForOverTheStaleWindowLeaves() {
        SharedReads reads = onTheTestClock();
        reads.get("catalog/api/catalog/products/a-retired-mug", () -> answering(200)).block();
        reads.get("catalog/api/catalog/categories", () -> answering(200)).block();
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        reads.get("catalog/api/catalog/categories", () -> answering(200)).block();
        now.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(reads.size()).as("the categories, asked 30 s ago, stay; the mug, 70 s ago, is gone").isEqualTo(1);
    }

    @Test
    void aBoundBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> new SharedReads(Duration.ofSeconds(5), Duration.ofMinutes(1), 0, now::get))
                .hasMessageContaining("shared-reads-max must be at least 1");
    }
}
