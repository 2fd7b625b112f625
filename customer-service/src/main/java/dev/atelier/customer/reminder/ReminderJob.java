package dev.atelier.customer.reminder;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends due reminders; one replica at a time (ShedLock), and each reminder once per year whatever runs when. */
@Component
class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final Reminders reminders;
    private final Clock clock;

    ReminderJob(Reminders reminders, Clock clock) {
        this.reminders = reminders;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${atelier.reminders.check-interval:1h}",
            fixedDelayString = "${atelier.reminders.check-interval:1h}")
    @SchedulerLock(name = "reminders-due", lockAtMostFor = "PT10M")
    void sendDue() {
        int sent = reminders.sendDue(LocalDate.now(clock.withZone(UK)));
        if (sent > 0) {
            log.info("sent {} occasion reminders", sent);
        }
    }
}
