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

/** What every shopper shares: one call per interval, concurrent askers one call, and no failure kept. */
class SharedReadsTest {

    private final AtomicInteger calls = new AtomicInteger();

    private Mono<ServiceAnswer> answering(int status) {
        return Mono.fromCallable(() -> new ServiceAnswer(status, Map.of("call", calls.incrementAndGet())));
    }

    @Test
    void aSuccessIsSharedWhileItIsFreshThenAskedAgain() {
        SharedReads reads = new SharedReads(Duration.ofMillis(300));

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
        SharedReads reads = new SharedReads(Duration.ofMinutes(1));
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
        SharedReads reads = new SharedReads(Duration.ofMinutes(1));
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
}
