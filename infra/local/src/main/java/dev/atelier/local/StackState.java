package dev.atelier.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a running launcher publishes in {@code .atelier/state.json} for {@code ./atelier status} and
 * {@code ./atelier down} in another terminal: its pid, the infrastructure, and each service's process.
 */
record StackState(long launcherPid, Instant startedAt, Component kafka, Component postgres, List<Component> services) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * One line of the table. {@code pidStartedAt} tells the recorded process from a later one that reuses its
     * pid; {@code failure} says why a component is not running.
     */
    record Component(String name, String url, int port, @Nullable String database, @Nullable Long pid,
            @Nullable Instant pidStartedAt, State state, @Nullable Instant startedAt, @Nullable Instant readyAt,
            @Nullable String log, @Nullable String failure) {

        Component withState(State newState) {
            return new Component(name, url, port, database, pid, pidStartedAt, newState, startedAt, readyAt, log, failure);
        }
    }

    enum State {
        WAITING, STARTING, READY, NOT_READY, FAILED, EXITED, STOPPING, STOPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    void writeTo(Path file) {
        Home.write(file, toJson());
    }

    static Optional<StackState> readFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file), StackState.class));
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }
}
