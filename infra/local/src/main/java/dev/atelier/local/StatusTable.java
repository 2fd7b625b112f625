package dev.atelier.local;

import dev.atelier.local.StackState.Component;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The table {@code ./atelier up} prints once everything is ready and {@code ./atelier status} prints on demand. */
final class StatusTable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String[] HEADINGS = {"SERVICE", "URL", "STATE", "STARTED", "READY IN"};

    private StatusTable() {
    }

    static List<String> render(StackState state) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        rows.add(row(state.kafka()));
        rows.add(row(state.postgres()));
        state.services().forEach(service -> rows.add(row(service)));
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String[] row(Component component) {
        return new String[] {component.name(), component.url(), component.state().label(), clock(component.startedAt()),
                seconds(component.startedAt(), component.readyAt())};
    }

    static String clock(@Nullable Instant instant) {
        return instant == null ? "-" : CLOCK.format(instant);
    }

    static String seconds(@Nullable Instant from, @Nullable Instant to) {
        return from == null || to == null ? "-" : seconds(Duration.between(from, to));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
