package dev.atelier.order.checkout;

import dev.atelier.events.DomainEvent;
import dev.atelier.messaging.inbox.UndeliverableEventException;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.order.checkout.Outcome.Applied;
import dev.atelier.order.checkout.Outcome.Parked;
import dev.atelier.order.checkout.Outcome.Refused;
import dev.atelier.order.checkout.Outcome.Unchanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the {@link CheckoutSaga}: locks the order's state, asks the saga what an input does, and in the same
 * transaction saves the new state, the timeline entry and the outbox rows of the events to publish. Parked events
 * are tried again after every transition of their order.
 */
@Service
class SagaCoordinator {

    private static final Logger log = LoggerFactory.getLogger(SagaCoordinator.class);

    private final CheckoutSaga saga;
    private final Orders orders;
    private final ParkedEvents parked;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    SagaCoordinator(CheckoutSaga saga, Orders orders, ParkedEvents parked, Outbox outbox, Clock clock,
            MeterRegistry meters) {
        this.saga = saga;
        this.orders = orders;
        this.parked = parked;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    /** Starts the saga of a new order: its facts, its first state and OrderPlaced, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void start(Order order) {
        Applied first = saga.start(order);
        Instant now = clock.instant();
        orders.insert(order, first.state(), now, "Checkout", first.note());
        first.events().forEach(outbox::record);
    }

    /**
     * Applies an event of another service. An event for an order this service does not know, or one that cannot
     * happen in the order's state, is refused: the exception sends it to the dead-letter topic with the reason.
     */
    @Transactional
    Outcome onEvent(UUID orderId, DomainEvent event, @Nullable UUID eventId) {
        Outcome outcome = apply(orderId, event, eventId);
        if (outcome instanceof Refused refused) {
            meters.counter("atelier.saga.refused", "event", CheckoutSaga.nameOf(event)).increment();
            throw new UndeliverableEventException("order " + orderId + ": " + refused.reason());
        }
        return outcome;
    }

    /** Applies a command (the shopper's cancel, a passed deadline); a refusal is returned, not thrown. */
    @Transactional
    Outcome onCommand(UUID orderId, Object command) {
        return apply(orderId, command, null);
    }

    private Outcome apply(UUID orderId, Object input, @Nullable UUID eventId) {
        Orders.ForSaga locked = orders.lockForSaga(orderId)
                .orElseThrow(() -> new UndeliverableEventException("no order " + orderId + " for "
                        + CheckoutSaga.nameOf(input)));
        Order order = locked.order();
        SagaState state = locked.state();
        Instant now = clock.instant();
        Outcome outcome = saga.on(order, state, input, now);
        switch (outcome) {
            case Applied applied -> {
                record(order, applied, input, eventId, now);
                if (locked.parkedEvents()) {
                    replayParked(order, applied.state(), now);
                }
            }
            case Parked wait -> {
                parked.park(orderId, (DomainEvent) input, eventId, wait.waitingFor(), now);
                orders.appendTimeline(orderId, now, state.status(), CheckoutSaga.nameOf(input), eventId,
                        "came before " + wait.waitingFor() + "; kept until it comes");
            }
            case Unchanged unchanged -> log.debug("Order {}: {} changed nothing ({})", orderId,
                    CheckoutSaga.nameOf(input), unchanged.why());
            case Refused refused -> log.warn("Order {}: {} refused: {}", orderId, CheckoutSaga.nameOf(input),
                    refused.reason());
        }
        return outcome;
    }

    private void record(Order order, Applied applied, Object input, @Nullable UUID eventId, Instant now) {
        orders.saveTransition(order.id(), applied.state(), now, CheckoutSaga.nameOf(input), eventId, applied.note());
        applied.events().forEach(outbox::record);
        meters.counter("atelier.saga.transitions", "input", CheckoutSaga.nameOf(input),
                "status", applied.state().status().name()).increment();
    }

    /** Tries every parked event of the order again, in the order they came, until none moves the saga. */
    private void replayParked(Order order, SagaState state, Instant now) {
        SagaState current = state;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (ParkedEvents.Parked waiting : parked.of(order.id())) {
                Outcome outcome = saga.on(order, current, waiting.event(), now);
                switch (outcome) {
                    case Applied applied -> {
                        parked.remove(waiting.id());
                        record(order, applied, waiting.event(), waiting.eventId(), now);
                        current = applied.state();
                        moved = true;
                    }
                    case Unchanged unchanged -> parked.remove(waiting.id());
                    case Refused refused -> {
                        // the event that was waiting turned out impossible: keep its trace in the timeline
                        parked.remove(waiting.id());
                        meters.counter("atelier.saga.refused", "event", CheckoutSaga.nameOf(waiting.event()))
                                .increment();
                        log.error("Order {}: parked {} refused: {}", order.id(), CheckoutSaga.nameOf(waiting.event()),
                                refused.reason());
                        orders.appendTimeline(order.id(), now, current.status(), CheckoutSaga.nameOf(waiting.event()),
                                waiting.eventId(), "refused: " + refused.reason());
                    }
                    case Parked stillWaiting -> {
                    }
                }
                if (moved) {
                    break;
                }
            }
        }
    }
}
