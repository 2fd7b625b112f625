package dev.atelier.messaging.config;

import org.jspecify.annotations.Nullable;

/**
 * Where the relay reads the write-ahead log, as configured under {@code atelier.messaging.relay.connection.*}; what
 * is left out is taken from the service's datasource, when its URL names exactly one host.
 *
 * @param host the primary's host name (a replica cannot stream a slot); any host name, {@code db_primary} too
 * @param port its port; 5432 when a host is given without one
 * @param database the service's database
 * @param user a user with the REPLICATION attribute that owns the {@code atelier_outbox} publication
 * @param password its password
 * @param sslMode libpq's {@code sslmode} (disable, allow, prefer, require, verify-ca, verify-full)
 * @param sslRootCert the CA certificate file for verify-ca and verify-full
 * @param schema the schema of the outbox table; {@code currentSchema} of the URL, else {@code public}
 */
public record RelayConnection(
        @Nullable String host,
        @Nullable Integer port,
        @Nullable String database,
        @Nullable String user,
        @Nullable String password,
        @Nullable String sslMode,
        @Nullable String sslRootCert,
        @Nullable String schema) {

    /** Nothing set: everything from the datasource. */
    public static RelayConnection fromDatasource() {
        return new RelayConnection(null, null, null, null, null, null, null, null);
    }
}
