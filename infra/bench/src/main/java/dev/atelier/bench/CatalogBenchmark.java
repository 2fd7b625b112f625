package dev.atelier.bench;

import dev.atelier.events.EventJson;
import dev.atelier.events.Topics;
import dev.atelier.testing.EmbeddedKafkaServer;
import dev.atelier.testing.EmbeddedPostgresServer;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Measures catalog-service's storefront reads straight to the service with Gatling ({@link CatalogSimulation}):
 * the product list, a product page and a search, each by {@code clients} concurrent clients (no think time) for
 * {@code seconds}; then the same reads straight over JDBC ({@link CatalogFloor}, the floor) and the ratio of the
 * two. The catalogue (160 products: personalised gifts and refurbished hardware with condition variants, no images)
 * is created through the service's admin API by {@link CatalogSeed} with a staff token of {@code TestTokens}, whose
 * JWKS the service is pointed at for the run; inventory is absent, so no SKU is in stock. The service runs from its jar in its own JVM on embedded PostgreSQL (fsync on) and Kafka.
 *
 * <pre>./atelier bench catalog [--clients 50] [--warm-up 30] [--seconds 20] [--jar PATH] [--jfr false]
 *                            [--service-opts "-Xmx768m"]</pre>
 */
public final class CatalogBenchmark {

    /** catalog-service's Hikari pool (application.yaml): the floor uses as many connections. */
    private static final int POOL = 12;

    private final Options options;
    private final PrintStream out;

    CatalogBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    record Options(int clients, int warmUpSeconds, int seconds, Path jar, boolean jfr, String serviceOpts) {

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            return new Options(
                    Integer.parseInt(values.getOrDefault("clients", "50")),
                    Integer.parseInt(values.getOrDefault("warm-up", "30")),
                    Integer.parseInt(values.getOrDefault("seconds", "20")),
                    Path.of(values.getOrDefault("jar", "catalog-service/target/catalog-service.jar")),
                    Boolean.parseBoolean(values.getOrDefault("jfr", "false")),
                    values.getOrDefault("service-opts", "-Xmx768m"));
        }
    }

    public static void main(String[] args) throws Exception {
        // TestTokens' JWKS server runs on a thread that would keep this JVM alive once the benchmark is done
        int status = 0;
        try {
            new CatalogBenchmark(Options.parse(args), System.out).run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    void run() throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException(options.jar() + " does not exist: build catalog-service first");
        }
        Path data = Files.createTempDirectory("atelier-bench-catalog");
        Path log = data.resolve("catalog-service.log");
        out.println("Starting embedded PostgreSQL (fsync on) and Kafka...");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data.resolve("pg"), true);
                EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0)) {
            kafka.createTopics(Topics.CATALOG_PRODUCT, Topics.ORDER_ORDER, Topics.INVENTORY_STOCK);
            postgres.createDatabase("catalog_bench");
            String jdbcUrl = postgres.jdbcUrl("catalog_bench");
            BenchSupport.RunningService service = start(jdbcUrl, kafka.bootstrapServers(), data, log);
            try {
                String base = service.base();
                out.println("Seeding the catalogue through the admin API (a staff token of TestTokens)...");
                new CatalogSeed(base).run(100, 60);
                List<String> slugs = new ArrayList<>();
                List<String> queries = new ArrayList<>();
                catalogue(base, slugs, queries);
                out.printf("%d products on sale, %d search queries%n", slugs.size(), queries.size());
                out.printf("Warming up for %d s with %d clients...%n", options.warmUpSeconds(), options.clients());
                GatlingRun.run(CatalogSimulation.class, plan(base, slugs, queries, options.warmUpSeconds() / 3),
                        "warm-up", false);
                if (options.jfr()) {
                    service.jcmd("JFR.start", "name=bench", "settings=profile");
                }
                out.printf("Measuring each read for %d s with %d clients (load average before: %s)...%n",
                        options.seconds(), options.clients(), GatlingRun.loadAverage());
                double serviceCpu = CpuClock.millis(service.pid());
                Path report = GatlingRun.run(CatalogSimulation.class,
                        plan(base, slugs, queries, options.seconds()), options.clients() + " clients", true);
                serviceCpu = CpuClock.millis(service.pid()) - serviceCpu;
                String load = GatlingRun.loadAverage();
                if (options.jfr()) {
                    Path file = Path.of("infra/bench/target/catalog-service.jfr").toAbsolutePath();
                    service.jcmd("JFR.stop", "name=bench", "filename=" + file);
                    out.println("JFR recording: " + file);
                }
                List<GatlingRun.Figures> http = GatlingRun.figures(report, options.seconds());
                out.printf("The same reads straight over JDBC (%d clients, %d connections)...%n", options.clients(),
                        POOL);
                List<CatalogFloor.Result> floor;
                try (CatalogFloor jdbc = new CatalogFloor(jdbcUrl, EmbeddedPostgresServer.USER, POOL, slugs,
                        queries)) {
                    jdbc.run(options.clients(), Duration.ofSeconds(Math.max(5, options.seconds() / 2)));
                    floor = jdbc.run(options.clients(), Duration.ofSeconds(options.seconds()));
                }
                print(http, floor, report, load, GatlingRun.loadAverage(), serviceCpu);
            } finally {
                service.close();
                Path kept = Path.of("infra/bench/target/catalog-service-bench.log");
                Files.createDirectories(kept.getParent());
                Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
                out.println("catalog-service's log: " + kept);
            }
        } finally {
            BenchSupport.deleteQuietly(data);
        }
    }

    private BenchSupport.RunningService start(String jdbcUrl, String bootstrapServers, Path data, Path log)
            throws IOException {
        return BenchSupport.ServiceJar.of("catalog-service", options.jar())
                .jvmOptions(options.serviceOpts()).log(log)
                .database(jdbcUrl).kafka(bootstrapServers)
                .property("atelier.media.directory", data.resolve("media"))
                // the admin API trusts the benchmark's test tokens, as the services' tests do
                .trustingTestTokens()
                .property("management.tracing.sampling.probability", 0)
                .property("logging.level.root", "WARN")
                .property("logging.level.dev.atelier.catalog.demo", "INFO")
                .start(600);
    }

    /** Every product on sale (slugs), and queries drawn from their names, part numbers and a few misspellings. */
    private static void catalogue(String base, List<String> slugs, List<String> queries) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> words = new LinkedHashSet<>();
        Set<String> partNumbers = new LinkedHashSet<>();
        String cursor = null;
        do {
            String uri = base + "/api/catalog/products?limit=100" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = EventJson.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode card : page.path("items")) {
                slugs.add(card.path("slug").asString());
                for (String word : card.path("name").asString().toLowerCase().split("[^a-z0-9]+")) {
                    if (word.length() >= 4) {
                        words.add(word);
                    }
                }
                for (JsonNode variant : card.path("variants")) {
                    if (!variant.path("partNumber").isNull() && !variant.path("partNumber").asString("").isEmpty()) {
                        partNumbers.add(variant.path("partNumber").asString());
                    }
                }
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString(null);
        } while (cursor != null);
        if (slugs.isEmpty()) {
            throw new IllegalStateException("no product on sale after seeding");
        }
        List<String> known = new ArrayList<>(words);
        // what shoppers type: whole words, words cut short as they type, two words, part numbers, misspellings
        for (int i = 0; i < known.size(); i++) {
            String word = known.get(i);
            queries.add(word);
            queries.add(word.substring(0, Math.max(3, word.length() - 2)));
            if (i + 1 < known.size()) {
                queries.add(word + " " + known.get(i + 1));
            }
        }
        partNumbers.stream().limit(20).forEach(queries::add);
        queries.addAll(List.of("chrismas mug", "keyrnig", "persnalised", "refurbshed"));
    }

    private CatalogSimulation.Plan plan(String base, List<String> slugs, List<String> queries, int seconds) {
        return new CatalogSimulation.Plan(base, slugs, queries, options.clients(),
                Duration.ofSeconds(Math.max(1, seconds)));
    }

    private void print(List<GatlingRun.Figures> http, List<CatalogFloor.Result> floor, Path report, String load,
            String floorLoad, double serviceCpu) {
        GatlingRun.print(out, http, report, () -> load);
        out.println();
        out.printf("%-16s %9s %9s %9s %9s %9s   %s%n", "JDBC floor", "count", "req/s", "p50 ms", "p95 ms", "p99 ms",
                "service/floor req/s");
        for (CatalogFloor.Result f : floor) {
            double service = http.stream().filter(h -> h.request().equals(f.read())).mapToDouble(
                    GatlingRun.Figures::perSecond).findFirst().orElse(Double.NaN);
            out.printf("%-16s %9d %9.0f %9.1f %9.1f %9.1f   %.2f%s%n", f.read(), f.count(), f.perSecond(), f.p50(),
                    f.p95(), f.p99(), service / f.perSecond(), f.failed() > 0 ? "  (" + f.failed() + " failed)" : "");
        }
        out.println("load average after the floor: " + floorLoad);
        long requests = http.getFirst().count();
        out.printf("catalog-service CPU per request (the shared machine's load aside): %.2f ms%n",
                serviceCpu / Math.max(1, requests));
    }
}
