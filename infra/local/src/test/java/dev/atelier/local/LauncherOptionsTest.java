package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** The launcher's command line. */
class LauncherOptionsTest {

    @Test
    void postgresSettingsAreNameValuePairsInTheOrderGiven() {
        Launcher.Options options = Launcher.Options.parse(new String[] {"up", "--postgres-settings",
                "shared_buffers=1GB, max_wal_size = 8GB"});

        assertThat(options.postgresSettings()).containsExactly(
                entry("shared_buffers", "1GB"),
                entry("max_wal_size", "8GB"));
        assertThat(Launcher.Options.parse(new String[] {"up"}).postgresSettings()).isEmpty();
    }

    @Test
    void aPostgresSettingWithoutAValueIsRefusedByName() {
        Launcher.Options options = Launcher.Options.parse(new String[] {"up", "--postgres-settings",
                "shared_buffers=1GB,fsync"});

        assertThatThrownBy(options::postgresSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--postgres-settings: PostgreSQL settings are name=value pairs separated by commas, not 'fsync'");
    }
}
