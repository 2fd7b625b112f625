package dev.atelier.cart;

import dev.atelier.events.EventJson;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;

/** The jsonb columns' mapping: string maps in and out, with the platform's JSON settings. */
public final class Json {

    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private Json() {
    }

    /** A map as JSON with its keys sorted, so that two equal maps give the same text. */
    public static String write(Map<String, String> map) {
        return EventJson.mapper().writeValueAsString(new TreeMap<>(map));
    }

    /** A string map from JSON; {@code {}} (a plain line's personalisation and labels) without a parse. */
    public static Map<String, String> readMap(String json) {
        if (json.equals("{}")) {
            return Map.of();
        }
        return EventJson.mapper().readValue(json, STRING_MAP);
    }
}
