package dev.atelier.events.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.atelier.events.EventType;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire shape of one event version as a sorted map of JSON field paths to type and presence, so that a build
 * can compare what a contract looks like now with the snapshot committed when it was released.
 *
 * <p>Paths use the JSON names: {@code total.amount}; the element of an array is {@code lines[]}, the value of a
 * map {@code prices{}}, so a field of an order line is {@code lines[].sku}.
 */
public record EventSchema(String event, int version, String topic, SortedMap<String, FieldSpec> fields) {

    private static final Map<Class<?>, String> SCALARS = Map.ofEntries(
            Map.entry(String.class, "string"),
            Map.entry(UUID.class, "uuid"),
            Map.entry(Instant.class, "instant"),
            Map.entry(LocalDate.class, "local-date"),
            Map.entry(int.class, "int32"),
            Map.entry(Integer.class, "int32"),
            Map.entry(long.class, "int64"),
            Map.entry(Long.class, "int64"),
            Map.entry(boolean.class, "boolean"),
            Map.entry(Boolean.class, "boolean"),
            Map.entry(BigDecimal.class, "decimal"),
            Map.entry(Currency.class, "currency"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // "\n" rather than the platform line separator, so a snapshot written on Windows diffs cleanly
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    public EventSchema {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(topic, "topic");
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    /** One field of the wire shape: its canonical type and whether every message carries it. */
    public record FieldSpec(String type, boolean required) {

        public FieldSpec {
            Objects.requireNonNull(type, "type");
        }
    }

    /** Describes a catalog entry; fails on a component type the wire format does not define. */
    public static EventSchema of(EventType type) {
        return describe(type.name(), type.version(), type.topic(), type.javaType());
    }

    static EventSchema describe(String event, int version, String topic, Class<?> recordType) {
        var fields = new TreeMap<String, FieldSpec>();
        new Walker(event + ".v" + version, fields).describeComponents("", recordType);
        return new EventSchema(event, version, topic, fields);
    }

    /** {@code OrderPlaced.v1}. */
    public String qualifiedName() {
        return event + ".v" + version;
    }

    /** Pretty, stable JSON: header first, then the fields sorted by path; ends with a newline. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", event);
        root.put("version", version);
        root.put("topic", topic);
        ObjectNode fieldsNode = root.putObject("fields");
        fields.forEach((path, spec) -> fieldsNode.putObject(path)
                .put("type", spec.type())
                .put("required", spec.required()));
        return JSON.writer().with(PRETTY).writeValueAsString(root) + "\n";
    }

    public static EventSchema fromJson(String json) {
        JsonNode root = JSON.readTree(json);
        var fields = new TreeMap<String, FieldSpec>();
        for (Map.Entry<String, JsonNode> field : required(root, "fields").properties()) {
            fields.put(field.getKey(), new FieldSpec(
                    required(field.getValue(), "type").stringValue(),
                    required(field.getValue(), "required").booleanValue()));
        }
        return new EventSchema(
                required(root, "event").stringValue(),
                required(root, "version").intValue(),
                required(root, "topic").stringValue(),
                fields);
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("schema snapshot lacks '" + name + "': " + node);
        }
        return value;
    }

    /** Walks record components depth first; the stack catches a record that contains itself. */
    private static final class Walker {

        private final String owner;
        private final SortedMap<String, FieldSpec> fields;
        private final Deque<Class<?>> path = new ArrayDeque<>();

        Walker(String owner, SortedMap<String, FieldSpec> fields) {
            this.owner = owner;
            this.fields = fields;
        }

        void describeComponents(String prefix, Class<?> recordType) {
            if (path.contains(recordType)) {
                throw unsupported(prefix, recordType.getName() + " contains itself; a wire shape must be finite");
            }
            path.push(recordType);
            for (RecordComponent component : recordType.getRecordComponents()) {
                if (isIgnored(recordType, component)) {
                    continue;
                }
                String fieldPath = prefix + jsonName(recordType, component);
                String type = typeOf(fieldPath, component.getGenericType());
                fields.put(fieldPath, new FieldSpec(type, isRequired(recordType, component)));
            }
            path.pop();
        }

        private String typeOf(String fieldPath, Type type) {
            if (type instanceof Class<?> plain) {
                String scalar = SCALARS.get(plain);
                if (scalar != null) {
                    return scalar;
                }
                if (plain.isEnum()) {
                    return enumType(plain);
                }
                if (plain.isRecord()) {
                    describeComponents(fieldPath + ".", plain);
                    return "object";
                }
                if (plain == float.class || plain == double.class || plain == Float.class || plain == Double.class) {
                    throw unsupported(fieldPath, "floating point cannot carry exact amounts; use Money or BigDecimal");
                }
                throw unsupported(fieldPath, plain.getName() + " has no canonical wire type");
            }
            if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
                Type[] arguments = generic.getActualTypeArguments();
                if (raw == List.class || raw == Set.class || raw == Collection.class) {
                    return "array<" + typeOf(fieldPath + "[]", arguments[0]) + ">";
                }
                if (raw == Map.class) {
                    return "map<" + keyType(fieldPath, arguments[0]) + "," + typeOf(fieldPath + "{}", arguments[1]) + ">";
                }
            }
            throw unsupported(fieldPath, type.getTypeName() + " has no canonical wire type");
        }

        private String keyType(String fieldPath, Type keyType) {
            if (keyType instanceof Class<?> key) {
                if (key.isEnum()) {
                    return enumType(key);
                }
                String scalar = SCALARS.get(key);
                if (scalar != null && !key.isPrimitive()) {
                    return scalar;
                }
            }
            throw unsupported(fieldPath, "map key " + keyType.getTypeName() + " is not a string-like type");
        }

        private IllegalArgumentException unsupported(String fieldPath, String reason) {
            return new IllegalArgumentException(owner + ": field '" + fieldPath + "': " + reason);
        }
    }

    private static String enumType(Class<?> enumType) {
        return Arrays.stream(enumType.getDeclaredFields())
                .filter(Field::isEnumConstant)
                .map(constant -> {
                    JsonProperty renamed = constant.getAnnotation(JsonProperty.class);
                    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : constant.getName();
                })
                .collect(Collectors.joining("|", "enum[", "]"));
    }

    // @JsonProperty cannot target a record component, so javac leaves it on the accessor, field and parameter
    private static String jsonName(Class<?> recordType, RecordComponent component) {
        JsonProperty renamed = annotation(recordType, component, JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    private static boolean isIgnored(Class<?> recordType, RecordComponent component) {
        JsonIgnore ignore = annotation(recordType, component, JsonIgnore.class);
        return ignore != null && ignore.value();
    }

    private static boolean isRequired(Class<?> recordType, RecordComponent component) {
        if (component.getType().isPrimitive()) {
            return true;
        }
        boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                || annotation(recordType, component, Nullable.class) != null;
        return !nullable;
    }

    private static <A extends Annotation> @Nullable A annotation(
            Class<?> recordType, RecordComponent component, Class<A> annotationType) {
        for (AnnotatedElement element : candidates(recordType, component)) {
            A found = element.getAnnotation(annotationType);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<AnnotatedElement> candidates(Class<?> recordType, RecordComponent component) {
        try {
            return List.of(component, component.getAccessor(), recordType.getDeclaredField(component.getName()));
        } catch (NoSuchFieldException impossible) {
            throw new IllegalStateException("record " + recordType.getName() + " has no field " + component.getName(),
                    impossible);
        }
    }
}
