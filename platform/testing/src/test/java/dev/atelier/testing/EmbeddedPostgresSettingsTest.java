package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresSettingsTest {

    /** A benchmark's settings replace the defaults they name and leave the others (logical decoding) alone. */
    @Test
    void startsWithTheSettingsGivenOverTheDefaults() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, null, true,
                Map.of("shared_buffers", "48MB", "checkpoint_timeout", "17min"))) {
            assertThat(show(postgres, "shared_buffers")).isEqualTo("48MB");
            assertThat(show(postgres, "checkpoint_timeout")).isEqualTo("17min");
            assertThat(show(postgres, "wal_level")).isEqualTo("logical");
        }
    }

    @Test
    void readsSettingsWrittenAsNameValuePairsAndNamesAPartThatIsNot() {
        assertThat(EmbeddedPostgresServer.settings(" shared_buffers = 1GB,max_wal_size=8GB"))
                .containsExactly(entry("shared_buffers", "1GB"), entry("max_wal_size", "8GB"));
        assertThat(EmbeddedPostgresServer.settings(" ")).isEmpty();
        assertThatThrownBy(() -> EmbeddedPostgresServer.settings("shared_buffers=1GB,=8GB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PostgreSQL settings are name=value pairs separated by commas, not '=8GB'");
        assertThatThrownBy(() -> EmbeddedPostgresServer.settings("fsync="))
                .hasMessageEndingWith("not 'fsync='");
    }

    private static String show(EmbeddedPostgresServer postgres, String setting) throws Exception {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), EmbeddedPostgresServer.USER,
                "");
                var result = connection.createStatement().executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
