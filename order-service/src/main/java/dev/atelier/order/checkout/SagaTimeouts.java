package dev.atelier.order.checkout;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels orders whose saga waited past its deadline (no stock answer, no payment). One replica runs it at a
 * time (ShedLock); each order is decided in its own transaction under its row lock, so an answer that arrives at
 * the same moment is applied either before (and the deadline no longer holds) or after (and finds it cancelled).
 */
@Component
class SagaTimeouts {

    private static final Logger log = LoggerFactory.getLogger(SagaTimeouts.class);

    private final Orders orders;
    private final SagaCoordinator coordinator;
    private final SagaProperties properties;
    private final Clock clock;

    SagaTimeouts(Orders orders, SagaCoordinator coordinator, SagaProperties properties, Clock clock) {
        this.orders = orders;
        this.coordinator = coordinator;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${atelier.saga.timeout-sweep-interval:5s}",
            initialDelayString = "${atelier.saga.timeout-sweep-interval:5s}")
    @SchedulerLock(name = "saga-timeouts", lockAtMostFor = "PT1M")
    void cancelOverdue() {
        int total = 0;
        List<UUID> due;
        do {
            due = orders.overdue(clock.instant(), properties.timeoutBatchSize());
            for (UUID orderId : due) {
                if (coordinator.onCommand(orderId, new SagaCommands.DeadlinePassed()) instanceof Outcome.Applied) {
                    total++;
                }
            }
        } while (due.size() == properties.timeoutBatchSize() && total > 0);
        if (total > 0) {
            log.info("Timed out {} order(s) waiting past their deadline", total);
        }
    }
}
