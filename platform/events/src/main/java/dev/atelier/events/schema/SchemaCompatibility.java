package dev.atelier.events.schema;

import dev.atelier.events.schema.EventSchema.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells whether the current shape of a released event version may still be published on the wire: a released
 * version only grows by optional fields, because consumers built against it cannot be changed in the same deploy.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /**
     * Every change from {@code released} to {@code current} that would break a producer or consumer of the
     * released version, each message naming the event version and the field; empty when the change is safe.
     */
    public static List<String> breakingChanges(EventSchema released, EventSchema current) {
        requireSameVersion(released, current);
        String event = released.qualifiedName();
        var messages = new ArrayList<String>();
        if (!released.topic().equals(current.topic())) {
            messages.add(event + ": topic changed from " + released.topic() + " to " + current.topic());
        }
        // a field under a removed or retyped parent is covered by the parent's message
        Set<String> reported = new TreeSet<>();
        for (Map.Entry<String, FieldSpec> field : released.fields().entrySet()) {
            String path = field.getKey();
            if (hasAncestorIn(path, reported)) {
                continue;
            }
            FieldSpec before = field.getValue();
            FieldSpec now = current.fields().get(path);
            if (now == null) {
                messages.add(event + ": field '" + path + "' was removed or renamed");
                reported.add(path);
            } else if (!before.type().equals(now.type())) {
                messages.add(event + ": field '" + path + "' changed type from " + before.type() + " to " + now.type());
                reported.add(path);
            } else if (!before.required() && now.required()) {
                messages.add(event + ": field '" + path + "' became required; messages already on the topic lack it");
            } else if (before.required() && !now.required()) {
                messages.add(event + ": field '" + path + "' became optional; consumers of "
                        + event + " rely on it being present");
            }
        }
        for (Map.Entry<String, FieldSpec> field : current.fields().entrySet()) {
            String path = field.getKey();
            if (field.getValue().required() && isNewBesideReleasedFields(path, released)) {
                messages.add(event + ": new field '" + path
                        + "' is required; only optional (@Nullable) fields may be added to a released version");
            }
        }
        return List.copyOf(messages);
    }

    /**
     * The safe differences: optional fields added to {@code current} (a new optional object is listed once, not
     * with its inner fields). A non-empty list means the committed snapshot is out of date.
     */
    public static List<String> additions(EventSchema released, EventSchema current) {
        requireSameVersion(released, current);
        var messages = new ArrayList<String>();
        for (Map.Entry<String, FieldSpec> field : current.fields().entrySet()) {
            String path = field.getKey();
            if (!field.getValue().required() && isNewBesideReleasedFields(path, released)) {
                messages.add(released.qualifiedName() + ": new optional field '" + path + "'");
            }
        }
        return List.copyOf(messages);
    }

    // new, and its parent object existed in the release (so it is not merely inside another new field)
    private static boolean isNewBesideReleasedFields(String path, EventSchema released) {
        if (released.fields().containsKey(path)) {
            return false;
        }
        String parent = parentOf(path);
        return parent.isEmpty() || released.fields().containsKey(parent);
    }

    private static boolean hasAncestorIn(String path, Set<String> candidates) {
        for (String parent = parentOf(path); !parent.isEmpty(); parent = parentOf(parent)) {
            if (candidates.contains(parent)) {
                return true;
            }
        }
        return false;
    }

    /** {@code lines[].unitPrice.amount} → {@code lines[].unitPrice} → {@code lines} → "". */
    static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return "";
        }
        String parent = path.substring(0, dot);
        while (parent.endsWith("[]") || parent.endsWith("{}")) {
            parent = parent.substring(0, parent.length() - 2);
        }
        return parent;
    }

    private static void requireSameVersion(EventSchema released, EventSchema current) {
        if (!released.qualifiedName().equals(current.qualifiedName())) {
            throw new IllegalArgumentException("cannot compare " + released.qualifiedName() + " with "
                    + current.qualifiedName() + "; a new version is a new contract, not a change");
        }
    }
}
