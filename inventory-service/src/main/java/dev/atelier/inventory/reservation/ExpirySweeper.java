package dev.atelier.inventory.reservation;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The safety net: releases reservations whose order never got confirmed nor cancelled in time. It runs on one
 * replica at a time (ShedLock on this service's database); the rows it takes are locked and skipped by others.
 */
@Component
class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final ReservationDesk desk;
    private final ReservationProperties properties;

    ExpirySweeper(ReservationDesk desk, ReservationProperties properties) {
        this.desk = desk;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${atelier.reservation.sweep-interval:30s}",
            initialDelayString = "${atelier.reservation.sweep-interval:30s}")
    @SchedulerLock(name = "reservation-expiry", lockAtMostFor = "PT5M")
    void releaseExpired() {
        int released;
        int total = 0;
        do {
            released = desk.expireDue(properties.sweepBatchSize());
            total += released;
        } while (released == properties.sweepBatchSize());
        if (total > 0) {
            log.info("Released {} reservation(s) held past their expiry", total);
        }
    }
}
