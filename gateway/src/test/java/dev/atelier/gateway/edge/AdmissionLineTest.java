package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
        assertThat(calls.get(2).turn).as("the first in line gets the freed turn").isTrue();
        assertThat(calls.get(3).turn).isFalse();
        calls.get(0).end();
        assertThat(calls.get(3).turn).isTrue();
        assertThat(line.inFlight()).isEqualTo(2);
        calls.get(2).end();
        calls.get(3).end();
        assertThat(line.inFlight()).isZero();
        assertThat(line.waiting()).isZero();
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

        assertThat(gaveUp.turn).isFalse();
        assertThat(patient.turn).isTrue();
        second.end();
        patient.end();
        assertThat(line.inFlight()).isZero();
        assertThat(new Call().turn).isTrue();
    }
}
