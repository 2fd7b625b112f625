package dev.atelier.messaging.relay;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What the relay needs to reach its database and how it paces itself; derived from the service's datasource
 * and {@code atelier.messaging.relay.*}.
 */
public record RelaySettings(
        String name,
        String jdbcUrl,
        String host,
        int port,
        String database,
        String schema,
        String user,
        String password,
        String slotName,
        Duration pollInterval,
        int maxBatchSize,
        Duration offsetFlushInterval,
        Duration sendTimeout,
        Duration restartBackoff,
        Duration maxRestartBackoff,
        Duration standbyPoll,
        Map<String, String> engineOverrides) {

    /** Parses {@code jdbc:postgresql://host:port/database?…}; the slot is named after the database, unique in the cluster. */
    public static RelaySettings fromJdbcUrl(String name, String jdbcUrl, String user, String password,
            String slotName, Duration pollInterval, int maxBatchSize, Duration offsetFlushInterval, Duration sendTimeout,
            Duration restartBackoff, Duration maxRestartBackoff, Duration standbyPoll, Map<String, String> engineOverrides) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("the outbox relay needs a PostgreSQL datasource, not " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw new IllegalArgumentException("the datasource URL names no database: " + jdbcUrl);
        }
        String schema = "public";
        String query = uri.getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("currentSchema=")) {
                    schema = pair.substring("currentSchema=".length());
                }
            }
        }
        String slot = slotName == null || slotName.isBlank()
                ? ("atelier_" + database).toLowerCase().replaceAll("[^a-z0-9_]", "_")
                : slotName;
        return new RelaySettings(name, jdbcUrl, uri.getHost() == null ? "localhost" : uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(), database, schema, user, password == null ? "" : password, slot,
                pollInterval, maxBatchSize, offsetFlushInterval, sendTimeout, restartBackoff, maxRestartBackoff,
                standbyPoll, Map.copyOf(engineOverrides));
    }
}
