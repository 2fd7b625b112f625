package dev.atelier.payment.checkout;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Provider calls that must not run inside a database transaction (they may take seconds and are retried), started
 * once the transaction that decided them has committed. A crash in between loses nothing: the sweep job finds the
 * PENDING payment or refund the transaction left and runs it again with the same idempotency key.
 */
@Component
class PaymentTasks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PaymentTasks.class);

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("payment-task-", 0).factory());

    /** Runs {@code task} after the current transaction commits (never if it rolls back), or now without one. */
    void afterCommit(String what, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed; the sweep job will try again: {}", what, e.toString());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    executor.execute(guarded);
                }
            });
        } else {
            executor.execute(guarded);
        }
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
