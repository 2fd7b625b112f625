package dev.atelier.messaging.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.messaging.config.RelayConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay reads its connection from explicit settings or a datasource URL it can parse, and refuses to guess. */
class RelaySettingsTest {

    private static final RelaySettings.Pacing PACING = new RelaySettings.Pacing(Duration.ofMillis(10), 2048,
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(5), 3, Duration.ofSeconds(10));

    private static RelaySettings resolve(String url, RelayConnection explicit) {
        return RelaySettings.resolve("shop", url, "shop", "secret", explicit, null, PACING, Map.of());
    }

    @Test
    void readsAHostWithAnUnderscoreItsPortDatabaseSchemaAndSslMode() {
        RelaySettings settings = resolve(
                "jdbc:postgresql://db_primary:6543/inventory?currentSchema=stock&sslmode=verify-full&sslrootcert=/etc/ca.pem",
                RelayConnection.fromDatasource());

        assertThat(settings.host()).isEqualTo("db_primary");
        assertThat(settings.port()).isEqualTo(6543);
        assertThat(settings.database()).isEqualTo("inventory");
        assertThat(settings.schema()).isEqualTo("stock");
        assertThat(settings.sslMode()).isEqualTo("verify-full");
        assertThat(settings.sslRootCert()).isEqualTo("/etc/ca.pem");
        assertThat(settings.slotName()).isEqualTo("atelier_inventory");
        assertThat(settings.user()).isEqualTo("shop");
        var engine = new RelayEngine(settings).properties("initial");
        assertThat(engine).containsEntry("database.hostname", "db_primary")
                .containsEntry("database.port", "6543").containsEntry("database.sslmode", "verify-full")
                .containsEntry("database.sslrootcert", "/etc/ca.pem")
                .containsEntry("table.include.list", "stock.outbox,stock.outbox_relay_heartbeat");
    }

    @Test
    void refusesAMultiHostUrlUnlessTheHostIsGiven() {
        String url = "jdbc:postgresql://pg-a:5432,pg-b:5433/inventory?targetServerType=primary";

        assertThatThrownBy(() -> resolve(url, RelayConnection.fromDatasource()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("several hosts (pg-a,pg-b)")
                .hasMessageContaining("atelier.messaging.relay.connection.host");

        RelaySettings settings = resolve(url, new RelayConnection("pg-b", 5433, null, null, null, "require", null, null));
        assertThat(settings.host()).isEqualTo("pg-b");
        assertThat(settings.port()).isEqualTo(5433);
        assertThat(settings.database()).isEqualTo("inventory");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://pg-b:5433/inventory?currentSchema=public&sslmode=require");
    }

    @Test
    void refusesWhatItCannotParseAndAnUnknownSslMode() {
        assertThatThrownBy(() -> resolve("jdbc:mysql://db:3306/shop", RelayConnection.fromDatasource()))
                .hasMessageContaining("not a PostgreSQL URL")
                .hasMessageContaining("atelier.messaging.relay.connection.host");
        assertThatThrownBy(() -> resolve("jdbc:postgresql://db:5432/", RelayConnection.fromDatasource()))
                .hasMessageContaining("no database");
        assertThatThrownBy(() -> resolve("jdbc:postgresql://db:5432/shop?sslmode=sometimes", RelayConnection.fromDatasource()))
                .hasMessageContaining("sslmode=sometimes");
    }

    @Test
    void explicitSettingsWinOverTheDatasource() {
        RelaySettings settings = resolve("jdbc:postgresql://pgbouncer:6432/inventory",
                new RelayConnection("pg-primary", null, null, "replicator", "r3pl", null, null, null));

        assertThat(settings.host()).isEqualTo("pg-primary");
        assertThat(settings.port()).isEqualTo(5432);
        assertThat(settings.user()).isEqualTo("replicator");
        assertThat(settings.password()).isEqualTo("r3pl");
        assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://pg-primary:5432/inventory");
    }
}
