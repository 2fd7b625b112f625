package dev.atelier.messaging.relay;

/**
 * Where the relay is in its life. STANDBY is healthy: another instance of the service holds the relay's lock
 * and streams; this one takes over when that one goes. FAILED means events are not flowing.
 */
public enum RelayState {
    STOPPED, STANDBY, STARTING, RUNNING, FAILED
}
