package dev.atelier.bench;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Gatling simulation in this JVM (so a benchmark sets its system under test up, hands the simulation its
 * target through {@link #plan}, and tears it down afterwards) and reads the figures back from the HTML report's
 * statistics table: per request (and group), the count, the failures, req/s over the measured window and p50/p95/p99.
 */
final class GatlingRun {

    /** The report directory's parent: every run leaves {@code <simulation>-<timestamp>/index.html} there. */
    static final Path RESULTS = Path.of("infra/bench/target/gatling");

    private static volatile Object plan = new Object();

    private GatlingRun() {
    }

    /** One request's figures as Gatling measured them (milliseconds, req/s over the simulation's measured time). */
    record Figures(String request, long count, long failed, double perSecond, long p50, long p95, long p99,
            long max) {
    }

    /** What the simulation runs against; a simulation reads it in its constructor. */
    @SuppressWarnings("unchecked")
    static <T> T plan(Class<T> type) {
        return (T) plan;
    }

    /**
     * Runs the simulation once (the plan set for its constructor); {@code report} false for a warm-up, whose figures
     * are not kept. Returns the report's directory, or null without a report.
     */
    static Path run(Class<?> simulation, Object target, String description, boolean report) throws IOException {
        return run(simulation, target, description, report, RESULTS);
    }

    /** As {@link #run(Class, Object, String, boolean)}, with the report under {@code results}. */
    static Path run(Class<?> simulation, Object target, String description, boolean report, Path results)
            throws IOException {
        plan = target;
        Files.createDirectories(results);
        List<String> args = new ArrayList<>(List.of("--simulation", simulation.getName(),
                "--results-folder", results.toAbsolutePath().toString(), "--run-description", description,
                "--launcher", "atelier-bench"));
        if (!report) {
            args.add("--no-reports");
        }
        long started = System.currentTimeMillis();
        int status = Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
        if (status != 0 && status != 2) { // 2: assertions failed, which these simulations do not declare
            throw new IllegalStateException("Gatling ended with status " + status);
        }
        if (!report) {
            return null;
        }
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(simulation.getSimpleName().toLowerCase()))
                    .filter(p -> p.toFile().lastModified() >= started - 1000)
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("Gatling left no report under " + results));
        }
    }

    /**
     * Every request's and group's figures from a report's statistics table (index.html: Gatling 3.15 writes no
     * stats.json any more), in the report's order; req/s over {@code seconds}. Columns are found by their headings,
     * so the percentiles must be among those configured (Gatling's default 50th, 75th, 95th, 99th).
     */
    static List<Figures> figures(Path report, double seconds) throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        Map<String, String> columns = new HashMap<>();
        Matcher heading = HEADING.matcher(html);
        while (heading.find()) {
            columns.put(heading.group(2).trim(), heading.group(1));
        }
        List<Figures> figures = new ArrayList<>();
        for (String row : html.split("<tr id=\"")) {
            Matcher name = NAME.matcher(row);
            if (!name.find()) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row);
            while (cell.find()) {
                cells.put(cell.group(1), cell.group(2).trim());
            }
            long total = value(cells, columns, "Total");
            figures.add(new Figures(name.group(1).replace("&amp;", "&"), total, value(cells, columns, "KO"),
                    total / seconds, value(cells, columns, "50th pct"), value(cells, columns, "95th pct"),
                    value(cells, columns, "99th pct"), value(cells, columns, "Max")));
        }
        if (figures.isEmpty()) {
            throw new IllegalStateException("no statistics table in " + report.resolve("index.html"));
        }
        return figures;
    }

    private static final Pattern HEADING = Pattern.compile(
            "<th id=\"col-(\\d+)\"[^>]*><span>(?:<abbr[^>]*>)?([^<]+)");
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    private static long value(Map<String, String> cells, Map<String, String> columns, String heading) {
        String column = columns.get(heading);
        if (column == null) {
            throw new IllegalStateException("the report has no column " + heading + " (columns: " + columns.keySet()
                    + ")");
        }
        String text = cells.getOrDefault(column, "-");
        return text.equals("-") ? 0 : Math.round(Double.parseDouble(text));
    }

    static void print(PrintStream out, List<Figures> figures, Path report, Supplier<String> load) {
        out.println();
        out.printf("%-26s %9s %7s %9s %7s %7s %7s %7s%n", "request", "count", "failed", "req/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms");
        for (Figures f : figures) {
            out.printf("%-26s %9d %7d %9.0f %7d %7d %7d %7d%n", f.request(), f.count(), f.failed(), f.perSecond(),
                    f.p50(), f.p95(), f.p99(), f.max());
        }
        out.println("load average: " + load.get());
        out.println("HTML report: " + report.resolve("index.html"));
    }

    /** The machine's load average (1, 5, 15 min), beside every figure: this machine is shared. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
