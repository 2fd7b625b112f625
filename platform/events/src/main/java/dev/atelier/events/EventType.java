package dev.atelier.events;

import java.util.Objects;

/** One released version of an event contract, as the catalog knows it. */
public record EventType(String name, int version, String topic, Class<? extends DomainEvent> javaType) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(javaType, "javaType");
        if (version < 1) {
            throw new IllegalArgumentException("event versions start at 1: " + name + " v" + version);
        }
    }

    static EventType of(Class<? extends DomainEvent> javaType) {
        EventContract contract = javaType.getAnnotation(EventContract.class);
        if (contract == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not annotated with @EventContract");
        }
        if (!javaType.isRecord()) {
            throw new IllegalArgumentException(javaType.getName() + " must be a record");
        }
        return new EventType(contract.name(), contract.version(), contract.topic(), javaType);
    }

    /** {@code OrderPlaced.v1}: how logs, schema snapshots and samples name this version. */
    public String qualifiedName() {
        return name + ".v" + version;
    }
}
