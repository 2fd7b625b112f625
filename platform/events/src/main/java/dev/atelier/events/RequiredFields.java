package dev.atelier.events;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a decoded contract carries every field not marked {@link Nullable}: Jackson leaves a missing
 * object field null, and a consumer should learn that at the door, not from a NullPointerException later.
 *
 * <p>Every consumed event passes here, so each record class is looked at once ({@link #COMPONENTS}: its accessors
 * as method handles, which fields may be null), and a complete event is checked without building a field path;
 * the paths are written only for an event that lacks something.
 */
final class RequiredFields {

    /** A record component as the check needs it. */
    private record Component(String name, MethodHandle accessor, boolean required) {

        @Nullable Object read(Record value) {
            try {
                return (Object) accessor.invoke(value);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + value.getClass().getSimpleName() + "." + name, e);
            }
        }
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(new Component(component.getName(), accessorOf(component),
                        !component.getType().isPrimitive() && !isNullable(component)));
            }
            return List.copyOf(components);
        }
    };

    private RequiredFields() {
    }

    static void check(Record event) {
        if (isComplete(event)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        walk(event, "", missing);
        throw new IllegalArgumentException(event.getClass().getSimpleName() + ": required field"
                + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing");
    }

    /** The fast path: whether nothing required is missing, anywhere in the value. */
    private static boolean isComplete(Record value) {
        for (Component component : COMPONENTS.get(value.getClass())) {
            Object field = component.read(value);
            if (field == null ? component.required() : !isCompleteValue(field)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCompleteValue(Object value) {
        if (value instanceof Record nested) {
            return isComplete(nested);
        }
        if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                if (element != null && !isCompleteValue(element)) {
                    return false;
                }
            }
        } else if (value instanceof Map<?, ?> entries) {
            for (Object element : entries.values()) {
                if (element != null && !isCompleteValue(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The slow path, for an incomplete value only: every missing field, named by its path. */
    private static void walk(Record value, String prefix, List<String> missing) {
        for (Component component : COMPONENTS.get(value.getClass())) {
            Object field = component.read(value);
            String path = prefix + component.name();
            if (field == null) {
                if (component.required()) {
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

    private static MethodHandle accessorOf(RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return MethodHandles.lookup().unreflect(component.getAccessor())
                    .asType(MethodType.methodType(Object.class, Record.class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
