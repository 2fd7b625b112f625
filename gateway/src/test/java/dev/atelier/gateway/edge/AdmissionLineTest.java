package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** One service's waiting line on its own: turns, first come first served, and no turn lost to a call that leaves. */
class AdmissionLineTest {

    private final Admission.Line line = new Admission.Line("cart", 2, 2,
            new SimpleMeterRegistry().counter("refused"));

    private final class Call {
        final AtomicBoolean holding = new AtomicBoolean();
        final AtomicBoolean turn = new AtomicBoolean();
        final AtomicReference<Throwable> refused = new AtomicReference<>();
        final Disposable subscription = line.turn(holding).subscribe(
                nothing -> { }, refused::set, () -> turn.set(true));

        /** What the filter does when the call ends, however it ends. */
        void end() {
            subscription.dispose();
            if (holding.compareAndSet(true, false)) {
                line.leave();
            }
        }
    }

    @Test
    void givesTurnsUpToItsConcurrencyQueuesTheNextAndRefusesBeyondItsCapacity() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(new Call());
        }

        assertThat(calls.get(0).turn).isTrue();
        assertThat(calls.get(1).turn).isTrue();
        assertThat(calls.get(2).turn).isFalse();
        assertThat(calls.get(3).turn).isFalse();
        assertThat(line.waiting()).isEqualTo(2);
        assertThat(calls.get(4).refused.get()).isNotNull();
        assertThat(calls.get(4).holding).isFalse();

        calls.get(1).end();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(calls.get(2).turn);
        assertThat(calls.get(3).turn).as("the first in line gets the freed turn").isFalse();
        calls.get(0).end();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(calls.get(3).turn);
        assertThat(line.inFlight()).isEqualTo(2);
        calls.get(2).end();
        calls.get(3).end();
        assertThat(line.inFlight()).isZero();
        assertThat(line.waiting()).isZero();
    }

    @Test
    void handsTurnsOnWithoutGrowingTheStackWhenEveryCallEndsAtOnce() {
        // an open circuit answers a call at once: each turn ends as it is given, thousands of times in a row
        Admission.Line busy = new Admission.Line("cart", 1, 10_000, new SimpleMeterRegistry().counter("refused"));
        AtomicBoolean first = new AtomicBoolean();
        busy.turn(first).subscribe();
        AtomicInteger ended = new AtomicInteger();
        AtomicLong deepest = new AtomicLong();
        for (int i = 0; i < 5_000; i++) {
            AtomicBoolean holding = new AtomicBoolean();
            busy.turn(holding).subscribe(nothing -> { }, failure -> { }, () -> {
                deepest.accumulateAndGet(StackWalker.getInstance().walk(Stream::count), Math::max);
                ended.incrementAndGet();
                holding.set(false);
                busy.leave();
            });
        }

        first.set(false);
        busy.leave();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ended.get() == 5_000);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> busy.inFlight() == 0);
        assertThat(busy.waiting()).isZero();
        assertThat(deepest.get()).as("frames on the stack of a call given its turn").isLessThan(100);
    }

    @Test
    void forgetsACallThatLeavesWhileWaitingAndLosesNoTurn() {
        Call first = new Call();
        Call second = new Call();
        Call gaveUp = new Call();
        Call patient = new Call();

        gaveUp.end();
        assertThat(line.waiting()).isEqualTo(1);
        first.end();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(patient.turn);
        assertThat(gaveUp.turn).isFalse();
        second.end();
        patient.end();
        assertThat(line.inFlight()).isZero();
        assertThat(new Call().turn).as("a free slot is taken at once").isTrue();
    }
}
