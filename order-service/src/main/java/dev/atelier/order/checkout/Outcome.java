package dev.atelier.order.checkout;

import dev.atelier.events.DomainEvent;
import java.util.List;

/** What one input does to a saga: a transition, nothing, a wait for an earlier event, or a refusal. */
sealed interface Outcome {

    /** The saga moves to {@code state} and publishes {@code events}; {@code note} goes into the timeline. */
    record Applied(SagaState state, List<DomainEvent> events, String note) implements Outcome {

        public Applied {
            events = List.copyOf(events);
        }
    }

    /** A duplicate or an answer that no longer matters: nothing changes. */
    record Unchanged(String why) implements Outcome {
    }

    /** The input follows an event that has not arrived yet: kept and applied when {@code waitingFor} comes. */
    record Parked(String waitingFor) implements Outcome {
    }

    /** The input cannot happen in this state: it is dead-lettered with {@code reason}. */
    record Refused(String reason) implements Outcome {
    }
}
