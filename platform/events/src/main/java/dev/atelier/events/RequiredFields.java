package dev.atelier.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a decoded contract carries every field not marked {@link Nullable}: Jackson leaves a missing
 * object field null, and a consumer should learn that at the door, not from a NullPointerException later.
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static void check(Record event) {
        List<String> missing = new ArrayList<>();
        walk(event, "", missing);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + ": required field"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing");
        }
    }

    private static void walk(Record value, String prefix, List<String> missing) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object field = read(value, component);
            String path = prefix + component.getName();
            if (field == null) {
                if (!component.getType().isPrimitive() && !isNullable(component)) {
                    missing.add("'" + path + "'");
                }
            } else {
                walkValue(field, path, missing);
            }
        }
    }

    private static void walkValue(Object value, String path, List<String> missing) {
        if (value instanceof Record nested) {
            walk(nested, path + ".", missing);
        } else if (value instanceof Collection<?> elements) {
            int index = 0;
            for (Object element : elements) {
                if (element != null) {
                    walkValue(element, path + "[" + index + "]", missing);
                }
                index++;
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, element) -> {
                if (element != null) {
                    walkValue(element, path + "{" + key + "}", missing);
                }
            });
        }
    }

    private static boolean isNullable(RecordComponent component) {
        return component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                || component.isAnnotationPresent(Nullable.class);
    }

    private static @Nullable Object read(Record value, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
