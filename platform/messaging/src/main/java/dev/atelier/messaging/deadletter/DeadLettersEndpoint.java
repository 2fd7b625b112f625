package dev.atelier.messaging.deadletter;

import java.util.List;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The operators' API to the service's dead letters, {@code /actuator/deadletters} (expose it with
 * {@code management.endpoints.web.exposure.include}): {@code GET} lists the topics and their pending dead letters,
 * {@code GET /{topic}} shows the pending ones with their reasons (at most {@value #SHOWN}), {@code POST /{topic}}
 * replays them through the inbox. {@code topic} is a consumed topic or its dead-letter topic.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    static final int SHOWN = 100;

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public List<DeadLetterTopic> topics() {
        return deadLetters.topics();
    }

    @ReadOperation
    public List<DeadLetter> pending(@Selector String topic) {
        try {
            return deadLetters.pending(topic, SHOWN);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "unknown topic");
        }
    }

    @WriteOperation
    public ReplayReport replay(@Selector String topic) {
        try {
            return deadLetters.replay(topic);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "unknown topic");
        }
    }
}
