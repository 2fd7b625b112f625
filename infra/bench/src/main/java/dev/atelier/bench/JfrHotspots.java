package dev.atelier.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a Flight Recorder recording says the JVM spent its CPU on: of its execution samples, the share of each
 * top frame (the method on the CPU) and of each application frame (the innermost {@code dev.atelier} method on the
 * stack, which says which part of the service's own code the time went through).
 */
record JfrHotspots(String service, long samples, List<Map.Entry<String, Long>> topFrames,
        List<Map.Entry<String, Long>> applicationFrames) {

    static JfrHotspots of(String service, Path recording, int limit) throws IOException {
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> application = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                top.merge(name(stack.getFrames().getFirst()), 1L, Long::sum);
                String mine = stack.getFrames().stream().filter(RecordedFrame::isJavaFrame)
                        .map(JfrHotspots::name).filter(n -> n.startsWith("dev.atelier.")).findFirst()
                        .orElse("(no dev.atelier frame on the stack)");
                application.merge(mine, 1L, Long::sum);
            }
        }
        return new JfrHotspots(service, samples, largest(top, limit), largest(application, limit));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Map.Entry<String, Long>> largest(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Markdown: the service's samples, then its top frames and application frames with their shares. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(service).append(" (").append(samples).append(" execution samples)\n\n");
        out.append("| share | on the CPU (top frame) |\n|---:|---|\n");
        topFrames.forEach(e -> out.append(String.format("| %.1f %% | `%s` |%n", 100.0 * e.getValue() / samples,
                e.getKey())));
        out.append("\n| share | innermost dev.atelier frame |\n|---:|---|\n");
        applicationFrames.forEach(e -> out.append(String.format("| %.1f %% | `%s` |%n",
                100.0 * e.getValue() / samples, e.getKey())));
        return out.append('\n').toString();
    }
}
