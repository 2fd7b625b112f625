package dev.atelier.gateway.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.gateway.admission.*}: how many calls this gateway sends to one service at a time, and how a rush
 * beyond that waits its turn ({@link Admission}).
 *
 * @param concurrency calls in flight to one service at a time, from this gateway replica
 * @param queue calls that may wait for their turn, per service; beyond that the shopper is told to come back
 * @param maxWait how long a call may wait for its turn before the shopper is told to come back
 */
@ConfigurationProperties("atelier.gateway.admission")
public record AdmissionProperties(
        @DefaultValue("32") int concurrency,
        @DefaultValue("5000") int queue,
        @DefaultValue("30s") Duration maxWait) {

    public AdmissionProperties {
        if (concurrency < 1 || queue < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("atelier.gateway.admission: concurrency ≥ 1, queue ≥ 0 and max-wait ≥ 0,"
                    + " not " + concurrency + ", " + queue + ", " + maxWait);
        }
    }
}
