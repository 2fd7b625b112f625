package dev.atelier.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of event contracts. Readers ignore fields they do not know, so that a producer may add
 * an optional field before every consumer has upgraded.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(DomainEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /**
     * Decodes an event and checks it carries every required field.
     *
     * @throws IllegalArgumentException when a field not marked {@code @Nullable} is missing
     * @throws tools.jackson.core.JacksonException when the JSON does not fit the contract
     */
    public static <T extends DomainEvent> T read(String json, Class<T> type) {
        T event = MAPPER.readValue(json, type);
        if (event instanceof Record record) {
            RequiredFields.check(record);
        }
        return event;
    }
}
