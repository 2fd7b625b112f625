package dev.atelier.messaging.relay;

import dev.atelier.messaging.config.RelayConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * What the relay needs to reach its database and how it paces itself; resolved from
 * {@code atelier.messaging.relay.*} and, for what that leaves out, the service's datasource.
 *
 * @param jdbcUrl the relay's own sessions (its lock, its offsets): the datasource URL, or one built from the
 *        explicit connection settings
 * @param sslMode libpq's sslmode for the replication connection; null for Debezium's default
 */
record RelaySettings(
        String name,
        String jdbcUrl,
        String host,
        int port,
        String database,
        String schema,
        String user,
        String password,
        @Nullable String sslMode,
        @Nullable String sslRootCert,
        String slotName,
        Duration pollInterval,
        int maxBatchSize,
        Duration offsetFlushInterval,
        Duration sendTimeout,
        Duration restartBackoff,
        Duration maxRestartBackoff,
        Duration standbyPoll,
        int releaseLockAfterFailures,
        Duration heartbeatInterval,
        Map<String, String> engineOverrides) {

    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    /** How the relay paces itself, from {@code atelier.messaging.relay.*}. */
    record Pacing(Duration pollInterval, int maxBatchSize, Duration offsetFlushInterval, Duration sendTimeout,
            Duration restartBackoff, Duration maxRestartBackoff, Duration standbyPoll, int releaseLockAfterFailures,
            Duration heartbeatInterval) {
    }

    /**
     * Resolves the relay's connection: each explicit setting wins; the rest comes from the datasource URL, parsed
     * as the PostgreSQL driver parses it, provided it names exactly one host. Anything the relay cannot tell for
     * sure fails here, at start-up, with what to set.
     *
     * @param slotName null for {@code atelier_<database>}, unique in the cluster
     * @throws IllegalStateException when the host, port or database cannot be told
     */
    static RelaySettings resolve(String name, @Nullable String datasourceUrl, @Nullable String datasourceUser,
            @Nullable String datasourcePassword, RelayConnection explicit, @Nullable String slotName, Pacing pacing,
            Map<String, String> engineOverrides) {
        Properties url = datasourceUrl == null || !datasourceUrl.startsWith("jdbc:postgresql:") ? null
                : Driver.parseURL(datasourceUrl, null);
        String host = explicit.host();
        Integer port = explicit.port();
        if (host == null) {
            if (url == null) {
                throw refused("the datasource URL " + datasourceUrl + " is not a PostgreSQL URL the driver can parse");
            }
            String hosts = url.getProperty("PGHOST");
            if (hosts == null || hosts.isBlank() || hosts.contains(",")) {
                throw refused("the datasource URL " + datasourceUrl + " names " + (hosts == null || hosts.isBlank()
                        ? "no host" : "several hosts (" + hosts + ")")
                        + ", and the relay must stream from the primary only");
            }
            host = hosts;
            if (port == null) {
                port = parsePort(url.getProperty("PGPORT"), datasourceUrl);
            }
        }
        if (port == null) {
            port = 5432;
        }
        String database = firstOf(explicit.database(), url == null ? null : url.getProperty("PGDBNAME"));
        if (database == null || database.isBlank()) {
            throw refused("no database: the datasource URL " + datasourceUrl + " names none");
        }
        String user = firstOf(explicit.user(), datasourceUser, url == null ? null : url.getProperty("user"));
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("The outbox relay has no database user: set spring.datasource.username or "
                    + "atelier.messaging.relay.connection.user (a user with REPLICATION that owns the publication)");
        }
        String password = firstOf(explicit.password(), datasourcePassword, url == null ? null : url.getProperty("password"));
        String sslMode = firstOf(explicit.sslMode(), url == null ? null : url.getProperty("sslmode"));
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new IllegalStateException("The outbox relay does not know sslmode=" + sslMode + "; one of " + SSL_MODES);
        }
        String sslRootCert = firstOf(explicit.sslRootCert(), url == null ? null : url.getProperty("sslrootcert"));
        String schema = firstOf(explicit.schema(), url == null ? null : url.getProperty("currentSchema"), "public");
        boolean namesTheServer = explicit.host() != null || explicit.port() != null || explicit.database() != null;
        String jdbcUrl = !namesTheServer && datasourceUrl != null ? datasourceUrl
                : ownUrl(host, port, database, sslMode, sslRootCert, schema);
        String slot = slotName == null || slotName.isBlank()
                ? ("atelier_" + database).toLowerCase().replaceAll("[^a-z0-9_]", "_")
                : slotName;
        return new RelaySettings(name, jdbcUrl, host, port, database, schema, user, password == null ? "" : password,
                sslMode, sslRootCert, slot, pacing.pollInterval(), pacing.maxBatchSize(), pacing.offsetFlushInterval(),
                pacing.sendTimeout(), pacing.restartBackoff(), pacing.maxRestartBackoff(), pacing.standbyPoll(),
                pacing.releaseLockAfterFailures(), pacing.heartbeatInterval(), Map.copyOf(engineOverrides));
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("The outbox relay cannot tell which PostgreSQL server to stream from: " + why
                + ". Set atelier.messaging.relay.connection.host, .port and .database (and .ssl-mode if needed).");
    }

    private static int parsePort(@Nullable String port, String datasourceUrl) {
        try {
            return port == null || port.isBlank() ? 5432 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw refused("the datasource URL " + datasourceUrl + " has port " + port);
        }
    }

    @SafeVarargs
    private static <T> @Nullable T firstOf(@Nullable T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static String ownUrl(String host, int port, String database, @Nullable String sslMode,
            @Nullable String sslRootCert, String schema) {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(encode(database)).append("?currentSchema=").append(encode(schema));
        if (sslMode != null) {
            url.append("&sslmode=").append(encode(sslMode));
        }
        if (sslRootCert != null) {
            url.append("&sslrootcert=").append(encode(sslRootCert));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
