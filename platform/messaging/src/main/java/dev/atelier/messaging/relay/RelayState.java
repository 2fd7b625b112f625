package dev.atelier.messaging.relay;

/** Where the relay is in its life; anything but RUNNING after start-up means events are not flowing. */
public enum RelayState {
    STOPPED, STARTING, RUNNING, FAILED
}
