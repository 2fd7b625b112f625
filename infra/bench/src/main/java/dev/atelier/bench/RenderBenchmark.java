package dev.atelier.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the storefront's server-side rendering through the gateway of a running store ({@code ./atelier up}
 * first): the home page, a category, a search and a product page at {@code users} concurrent users
 * ({@link RenderSimulation}, Gatling), req/s and p99 per page kind; then the weight a shopper's browser fetches for a
 * product page: its HTML and the JavaScript it loads, as sent compressed. The pages, slugs and searches come from the
 * store's own catalogue. Goals (issue "storefront"): 500 pages/s, p99 150 ms, product HTML and JS 60 KB compressed each.
 *
 * <pre>./atelier bench render [--store http://localhost:8080] [--users 50] [--warm-up 60] [--seconds 20]</pre>
 * The warm-up runs the four kinds for a quarter of it each. A freshly started gateway is still compiling (C2, and the
 * pages' SpEL after a hundred runs of each expression) for its first minute of load: with the old 20 s warm-up, the
 * first run after {@code ./atelier up --fresh} rendered half as many pages with twice the p99 of the next two.
 */
public final class RenderBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SCRIPT = Pattern.compile("<script[^>]*\\ssrc=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String store;
    private final PrintStream out;

    RenderBenchmark(String store, PrintStream out) {
        this.store = store.endsWith("/") ? store.substring(0, store.length() - 1) : store;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        RenderBenchmark bench = new RenderBenchmark(options.getOrDefault("store", "http://localhost:8080"), System.out);
        int users = Integer.parseInt(options.getOrDefault("users", "50"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "60"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        System.exit(bench.run(users, warmUp, seconds));
    }

    int run(int users, int warmUpSeconds, int seconds) throws Exception {
        if (!ready()) {
            out.println("no store answers at " + store + ": start it with ./atelier up (and wait for its address)");
            return 2;
        }
        RenderSimulation.Plan plan = plan(users, Duration.ofSeconds(seconds));
        out.printf("render: %d users, %d categories, %d searches, %d products; warm-up %d s, then %d s per page kind%n",
                users, plan.categories().size(), plan.queries().size(), plan.products().size(), warmUpSeconds, seconds);
        if (warmUpSeconds > 0) {
            GatlingRun.run(RenderSimulation.class, new RenderSimulation.Plan(store, plan.categories(), plan.queries(),
                    plan.products(), users, Duration.ofSeconds(Math.max(1, warmUpSeconds / 4))), "render warm-up", false);
        }
        Path report = GatlingRun.run(RenderSimulation.class, plan, "render " + users + " users", true);
        // each kind has its own window, one after the other: "All Requests" spans the four of them
        List<GatlingRun.Figures> figures = GatlingRun.figures(report, seconds).stream()
                .map(f -> f.request().equals("All Requests") ? new GatlingRun.Figures(f.request(), f.count(),
                        f.failed(), f.count() / (4.0 * seconds), f.p50(), f.p95(), f.p99(), f.max()) : f)
                .toList();
        GatlingRun.print(out, figures, report, GatlingRun::loadAverage);
        out.println("(each kind ran alone for " + seconds + " s: its req/s is that kind's pages per second at " + users
                + " users; All Requests' is over the four windows)");
        weights(plan.products().getFirst());
        return 0;
    }

    /** A product page's HTML and the scripts it loads, each as the store sends it compressed (and gzip's own size). */
    void weights(String slug) throws IOException, InterruptedException {
        HttpResponse<byte[]> page = get("/products/" + slug);
        String html = decoded(page);
        out.println();
        out.printf("product page /products/%s: HTML %,d bytes, %,d compressed (goal 60 KB)%n", slug,
                html.getBytes(StandardCharsets.UTF_8).length, sent(page));
        Set<String> scripts = new LinkedHashSet<>();
        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            scripts.add(script.group(1));
        }
        long total = 0;
        for (String src : scripts) {
            HttpResponse<byte[]> js = get(src);
            long size = sent(js);
            total += size;
            out.printf("  script %s: %,d bytes compressed%n", src, size);
        }
        out.printf("JavaScript of the product page: %,d bytes compressed (goal 60 KB)%n", total);
    }

    /** The bytes on the wire: the compressed body when the store compressed it, else what gzip would make of it. */
    private static long sent(HttpResponse<byte[]> response) throws IOException {
        if (response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false)) {
            return response.body().length;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(response.body());
        }
        return Math.min(response.body().length, buffer.size());
    }

    private static String decoded(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false)) {
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The plan, once the store has its demo catalogue: a store just started by {@code ./atelier up --fresh} answers
     * before its demo data is in, so the benchmark waits for it (up to three minutes) instead of failing.
     */
    private RenderSimulation.Plan plan(int users, Duration duration) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        boolean said = false;
        while (true) {
            try {
                return planNow(users, duration);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                if (!said) {
                    out.println("waiting for the store's demo catalogue (up to 3 minutes)");
                    said = true;
                }
                Thread.sleep(2000);
            }
        }
    }

    private RenderSimulation.Plan planNow(int users, Duration duration) throws IOException, InterruptedException {
        List<String> categories = new ArrayList<>();
        for (JsonNode category : json("/api/catalog/categories")) {
            categories.add(category.path("slug").asString());
        }
        List<String> products = new ArrayList<>();
        Map<String, String> words = new LinkedHashMap<>();
        for (JsonNode card : json("/api/catalog/products?limit=100").path("items")) {
            products.add(card.path("slug").asString());
            for (String word : card.path("name").asString().toLowerCase().split("[^a-z0-9]+")) {
                if (word.length() > 3) {
                    words.putIfAbsent(word, word);
                }
            }
        }
        if (categories.isEmpty() || products.isEmpty()) {
            throw new IllegalStateException("the store has no catalogue yet: wait for its demo data");
        }
        List<String> queries = new ArrayList<>();
        for (String word : words.keySet()) {
            queries.add(URLEncoder.encode(word, StandardCharsets.UTF_8));
            if (queries.size() == 30) {
                break;
            }
        }
        queries.add("chrismas+mug"); // a typo: the "did you mean" path
        return new RenderSimulation.Plan(store, categories, queries, products, users, duration);
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(store + "/actuator/health/readiness")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(store + path))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : store + path))
                .header("Accept", "text/html,application/javascript,*/*").header("Accept-Encoding", "gzip").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> options(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                values.put(args[i].substring(2), args[++i]);
            }
        }
        return values;
    }
}
