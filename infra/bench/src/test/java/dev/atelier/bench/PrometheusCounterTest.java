package dev.atelier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checkout benchmark reads the relays' counters from the services' Prometheus scrapes. */
class PrometheusCounterTest {

    private static final String SCRAPE = """
            # HELP atelier_outbox_relay_visibility_waits_total Batches the relay held back
            # TYPE atelier_outbox_relay_visibility_waits_total counter
            atelier_outbox_relay_visibility_waits_total 3.0
            # TYPE atelier_outbox_relayed_total counter
            atelier_outbox_relayed_total{relay="orders"} 1200.0
            atelier_outbox_relayed_total{relay="other"} 34.0
            atelier_outbox_relayed_total_extra 99.0
            """;

    @Test
    void sumsACountersSamplesOverItsLabelSetsAndIgnoresOtherNamesAndComments() {
        assertThat(CheckoutBenchmark.counter(SCRAPE, "atelier_outbox_relay_visibility_waits_total")).isEqualTo(3.0);
        assertThat(CheckoutBenchmark.counter(SCRAPE, "atelier_outbox_relayed_total")).isEqualTo(1234.0);
    }

    @Test
    void aCounterTheServiceDoesNotHaveCountsAsZero() {
        assertThat(CheckoutBenchmark.counter(SCRAPE, "atelier_outbox_relay_failures_total")).isZero();
    }
}
