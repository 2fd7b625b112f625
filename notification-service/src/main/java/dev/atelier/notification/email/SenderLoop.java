package dev.atelier.notification.email;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sender job's workers. Each loops: send a batch of due e-mails; when there were fewer than a batch, wait
 * until an e-mail is queued (woken after its transaction commits) or the poll interval passes, whichever is first.
 * Several replicas may run it: claims skip rows another sender holds.
 */
@Component
class SenderLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SenderLoop.class);
    private static final Object WAKE_UP_KEY = new Object();

    private final EmailSender sender;
    private final SenderProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Thread> workers = new ArrayList<>();
    private long generation;
    private volatile boolean running;

    SenderLoop(EmailSender sender, SenderProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            workers.add(Thread.ofPlatform().daemon().name("email-sender-" + i).start(this::work));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp();
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Wakes the workers once the current transaction commits (at once outside one). */
    void wakeUpAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wakeUp();
            return;
        }
        if (!TransactionSynchronizationManager.hasResource(WAKE_UP_KEY)) {
            TransactionSynchronizationManager.bindResource(WAKE_UP_KEY, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_UP_KEY);
                    if (status == STATUS_COMMITTED) {
                        wakeUp();
                    }
                }
            });
        }
    }

    void wakeUp() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (running) {
            long seen = generation();
            int claimed;
            try {
                claimed = sender.sendDueBatch();
            } catch (RuntimeException e) {
                log.error("The e-mail sender failed a round; it tries again in {}", properties.pollInterval(), e);
                claimed = 0;
            }
            if (claimed < properties.batchSize()) {
                awaitChange(seen);
            }
        }
    }

    private long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange(long seen) {
        lock.lock();
        try {
            long nanos = properties.pollInterval().toNanos();
            while (running && generation == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
