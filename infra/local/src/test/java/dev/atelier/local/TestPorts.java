package dev.atelier.local;

import dev.atelier.testing.EmbeddedPostgresServer;

/**
 * Ports nobody listens on, so that a test never meets a real ./atelier up on the standard ports; taken below the
 * ephemeral range, as the broker's own sockets start while PostgreSQL is still starting on its port.
 */
final class TestPorts {

    private TestPorts() {
    }

    static int free() {
        return EmbeddedPostgresServer.freePort();
    }
}
