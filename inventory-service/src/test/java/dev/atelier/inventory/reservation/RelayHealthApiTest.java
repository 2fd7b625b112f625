package dev.atelier.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.inventory.Http;
import dev.atelier.inventory.InventoryTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The relay reports in a health group of its own; readiness does not depend on it. */
@InventoryTest
class RelayHealthApiTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void theRelayHasAHealthGroupOfItsOwnAndReadinessDoesNotIncludeIt() {
        Http http = new Http(port);

        Http.Answer relay = http.get("/actuator/health/relay");
        assertThat(relay.status()).isEqualTo(200);
        assertThat(relay.body().get("status").asString()).isEqualTo("UP");
        assertThat(relay.body().get("components").has("outboxRelay")).isTrue();
        assertThat(relay.body().at("/components/outboxRelay/details/slot").asString()).startsWith("atelier_inventory");

        Http.Answer readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().has("components") && readiness.body().get("components").has("outboxRelay")).isFalse();
    }
}
