package dev.atelier.messaging.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class InboxFetchSettingsTest {

    private static MessagingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("atelier.messaging", MessagingProperties.class);
    }

    @Test
    void aFetchWaitsForSomeRecordsButNotLongByDefault() {
        MessagingProperties.Inbox inbox = bind(Map.of()).inbox();

        assertThat(inbox.fetchMinSize()).isEqualTo(DataSize.ofKilobytes(4));
        assertThat(inbox.fetchMaxWait()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void takesAServicesOwnSettingsAndRefusesOnesKafkaCannotUse() {
        MessagingProperties.Inbox inbox = bind(Map.of("atelier.messaging.inbox.fetch-min-size", "1B",
                "atelier.messaging.inbox.fetch-max-wait", "0ms")).inbox();
        assertThat(inbox.fetchMinSize()).isEqualTo(DataSize.ofBytes(1));
        assertThat(inbox.fetchMaxWait()).isZero();

        assertThatThrownBy(() -> bind(Map.of("atelier.messaging.inbox.fetch-min-size", "0B")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("fetch-min-size must be between 1B and 2GB, not 0B");
        assertThatThrownBy(() -> bind(Map.of("atelier.messaging.inbox.fetch-max-wait", "1m")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("fetch-max-wait must be between 0 and 30s, not PT1M");
    }
}
