package dev.atelier.inventory.reservation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.reservation.*}.
 *
 * @param holdFor how long stock stays reserved for an unpaid order; the checkout's payment timeout is shorter,
 *     so expiry is a safety net for orders whose cancellation never arrived
 * @param sweepInterval how often the expiry job looks for reservations past their time
 * @param sweepBatchSize reservations released per transaction by the expiry job
 */
@ConfigurationProperties("atelier.reservation")
record ReservationProperties(
        @DefaultValue("20m") Duration holdFor,
        @DefaultValue("30s") Duration sweepInterval,
        @DefaultValue("200") int sweepBatchSize) {
}
