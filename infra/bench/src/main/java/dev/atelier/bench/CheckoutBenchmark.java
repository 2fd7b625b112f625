package dev.atelier.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * The project's headline figure: the whole local store, driven through the gateway only (Gatling), as guest
 * shoppers check out and pay in the sandbox.
 *
 * <pre>./atelier bench checkout [--concurrency 100] [--seconds 60] [--warm-up 180] [--warm-up-max 900]
 *                           [--warm-up-jit 0.05] [--rate 50] [--paced-seconds 60]
 *                           [--flash-shoppers 1000] [--flash-units 100] [--browse-users 100] [--browse-seconds 30]
 *                           [--browse api|pages] [--browse-warm-up 60] [--floor-seconds 30] [--skus 10]
 *                           [--deadline 120] [--phases throughput,paced,floor,flash,browse]
 *                           [--store start|running] [--parallel N] [--service-opts "-Xms512m ..."]
 *                           [--launcher-opts "-Xms768m ..."] [--pg-settings "name=value,..."] [--jfr false]</pre>
 *
 * <ol>
 * <li>The store: {@code ./atelier up --fresh} in a home of its own with the services' JVM options and the
 *     launcher's, which hosts Kafka's broker (production settings for both: full JIT, a sized heap), or
 *     {@code --store running} for one already up (its own settings). PostgreSQL runs with
 *     {@link BenchSupport#PRODUCTION_PG_SETTINGS} ({@code ./atelier up --postgres-settings}) unless
 *     {@code --pg-settings} gives others ({@code ""} for the embedded server's own).</li>
 * <li>Set-up as the demo admin through the gateway: a product with {@code --skus} variants of a million units each,
 *     and the flash sale's product, one SKU with exactly {@code --flash-units} units.</li>
 * <li>Warm-up: the checkout in rounds of a minute (no report) until the services' JIT compilers took under
 *     {@code --warm-up-jit} of their CPU in a round, at least {@code --warm-up} and at most {@code --warm-up-max}
 *     seconds.</li>
 * <li>Throughput: {@code --concurrency} shoppers checking out at all times for {@code --seconds}; checkouts/s
 *     completed to PAID and POST /api/checkout → PAID percentiles. With {@code --jfr true} every service JVM records
 *     this run with Flight Recorder, and the summary lists what dominated.</li>
 * <li>Paced: {@code --rate} new shoppers per second for {@code --paced-seconds}: the latency at that rate.</li>
 * <li>Before each of the next three, the benchmark waits (at most 4 minutes) until the machine is quiet, so that no
 *     phase is measured on what an overloaded one may have left the services to work off.</li>
 * <li>The floor: the same checkout as one SQL transaction by {@code --concurrency} JDBC clients on the store's
 *     PostgreSQL (scratch database), and checkouts/s ÷ floor.</li>
 * <li>Flash sale: {@code --flash-shoppers} shoppers at once on the flash SKU; asserts all units sold, the others
 *     CANCELLED OUT_OF_STOCK, no 5xx, inventory not oversold, no order left hanging.</li>
 * <li>Browse: {@code --browse-users} users on home data, category, search and product for
 *     {@code --browse-seconds}.</li>
 * </ol>
 * Gatling's HTML reports and a Markdown summary go to {@code target/bench/}. Exits with 1 if the flash sale's
 * assertions fail.
 */
public final class CheckoutBenchmark {

    /** Production-like JVM settings for every service: full JIT (no TieredStopAtLevel), a fixed heap, ParallelGC. */
    static final String PRODUCTION_OPTS = "-Xms512m -Xmx512m -XX:+UseParallelGC";

    /**
     * The same for the launcher's JVM, which hosts Kafka's broker (the stand-in for a Kafka cluster, which runs with
     * full JIT): not the quick start's {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}.
     */
    static final String PRODUCTION_LAUNCHER_OPTS = "-Xms768m -Xmx768m -XX:+UseParallelGC";

    /**
     * Every shopper of the benchmark comes from this one address, so the gateway's per-client budgets (checkout:
     * 10 a minute; anything: 1,200 a minute) would refuse nearly all of them: the benchmark lifts them, as the
     * budgets of many real shoppers' addresses would not bind. The checks themselves still run on every request.
     */
    static final String LIFTED_RATE_LIMITS = "-Datelier.gateway.rate-limits.checkout.requests=1000000000"
            + " -Datelier.gateway.rate-limits.default.requests=1000000000";

    private static final Path OUT = Path.of("target/bench");

    record Options(int concurrency, int seconds, int warmUp, int warmUpMax, double warmUpJit, int rate,
            int pacedSeconds, int flashShoppers, int flashUnits, int browseUsers, int browseSeconds, int browseWarmUp,
            boolean browsePages,
            int floorSeconds, int skus, int deadlineSeconds, boolean startStore, int parallel, String serviceOpts,
            String launcherOpts, String pgSettings, boolean jfr, Set<String> phases) {

        /** The measured phases, in the order they run; {@code --phases} picks some of them. */
        static final List<String> PHASES = List.of("throughput", "paced", "floor", "flash", "browse");

        boolean runs(String phase) {
            return phases.contains(phase);
        }

        static Options parse(String... args) {
            Map<String, String> values = BenchSupport.arguments(args);
            Set<String> known = Set.of("concurrency", "seconds", "warm-up", "warm-up-max", "warm-up-jit", "rate",
                    "paced-seconds",
                    "flash-shoppers", "flash-units", "browse-users", "browse-seconds", "browse-warm-up", "browse",
                    "floor-seconds", "skus", "deadline", "store", "parallel", "service-opts", "launcher-opts",
                    "pg-settings", "jfr", "phases");
            values.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
            });
            String store = values.getOrDefault("store", "start");
            if (!store.equals("start") && !store.equals("running")) {
                throw new IllegalArgumentException("--store start|running, not " + store);
            }
            Set<String> phases = new LinkedHashSet<>(List.of(values.getOrDefault("phases", String.join(",", PHASES))
                    .split(",")));
            phases.stream().filter(p -> !PHASES.contains(p)).findFirst().ifPresent(p -> {
                throw new IllegalArgumentException("unknown phase " + p + " in --phases; known: " + PHASES);
            });
            return new Options(
                    Integer.parseInt(values.getOrDefault("concurrency", "100")),
                    Integer.parseInt(values.getOrDefault("seconds", "60")),
                    Integer.parseInt(values.getOrDefault("warm-up", "180")),
                    Integer.parseInt(values.getOrDefault("warm-up-max", "900")),
                    Double.parseDouble(values.getOrDefault("warm-up-jit", "0.05")),
                    Integer.parseInt(values.getOrDefault("rate", "50")),
                    Integer.parseInt(values.getOrDefault("paced-seconds", "60")),
                    Integer.parseInt(values.getOrDefault("flash-shoppers", "1000")),
                    Integer.parseInt(values.getOrDefault("flash-units", "100")),
                    Integer.parseInt(values.getOrDefault("browse-users", "100")),
                    Integer.parseInt(values.getOrDefault("browse-seconds", "30")),
                    Integer.parseInt(values.getOrDefault("browse-warm-up", "60")),
                    values.getOrDefault("browse", "api").equals("pages"),
                    Integer.parseInt(values.getOrDefault("floor-seconds", "30")),
                    Integer.parseInt(values.getOrDefault("skus", "10")),
                    Integer.parseInt(values.getOrDefault("deadline", "120")),
                    store.equals("start"),
                    Integer.parseInt(values.getOrDefault("parallel", "0")),
                    values.getOrDefault("service-opts", PRODUCTION_OPTS),
                    values.getOrDefault("launcher-opts", PRODUCTION_LAUNCHER_OPTS),
                    values.getOrDefault("pg-settings", BenchSupport.PRODUCTION_PG_SETTINGS),
                    Boolean.parseBoolean(values.getOrDefault("jfr", "false")),
                    Set.copyOf(phases));
        }
    }

    private final Options options;
    private final PrintStream out;
    private final StringBuilder summary = new StringBuilder();
    private final Map<String, Quiet.Result> settled = new LinkedHashMap<>();

    /** The idle store (eight services polling their relays and consumers) keeps about a quarter of two cores busy. */
    static final double QUIET = 0.4;
    static final Duration WARM_UP_ROUND = Duration.ofSeconds(60);
    static final Duration QUIET_WINDOW = Duration.ofSeconds(5);
    static final Duration QUIET_DEADLINE = Duration.ofMinutes(4);
    private final String run = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
            .format(Instant.now());
    private boolean flashPassed = true;

    CheckoutBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = new CheckoutBenchmark(Options.parse(args), System.out).run() ? 0 : 1;
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // Gatling's and the HTTP clients' threads would keep this JVM alive
        System.exit(status);
    }

    /** Runs every part; false when the flash sale's assertions failed. */
    boolean run() throws Exception {
        Files.createDirectories(OUT);
        String serviceOpts = options.serviceOpts() + " " + LIFTED_RATE_LIMITS;
        heading("# Checkout benchmark " + run);
        line("Through the gateway only (" + LocalStore.BASE + "), Gatling in the benchmark's JVM on the same machine ("
                + Runtime.getRuntime().availableProcessors() + " cores). Load average at the start: "
                + GatlingRun.loadAverage() + ".");
        MachineSpeed.Reading speedBefore = MachineSpeed.read();
        line("");
        line("Machine speed before the run (" + MACHINE_SPEED + "): " + speedBefore.describe(null) + ".");
        out.println("Machine speed before the run: " + speedBefore.describe(null));
        LocalStore store;
        if (options.startStore()) {
            out.println("Starting the store: ATELIER_LAUNCHER_JAVA_OPTS=\"" + options.launcherOpts()
                    + "\" ./atelier up --fresh --service-java-opts \"" + serviceOpts + "\" --postgres-settings \""
                    + options.pgSettings() + "\"...");
            long started = System.nanoTime();
            store = LocalStore.start(serviceOpts, options.launcherOpts(), options.pgSettings(), options.parallel());
            line("");
            line("Services' JVM options (`./atelier up --service-java-opts`): `" + serviceOpts + "`; the launcher's,"
                    + " with Kafka's broker (`ATELIER_LAUNCHER_JAVA_OPTS`): `" + options.launcherOpts() + "`; PostgreSQL's"
                    + " settings (`--postgres-settings`): `" + (options.pgSettings().isBlank() ? "the embedded server's own"
                            : options.pgSettings()) + "`"
                    + (options.parallel() > 0 ? "; started " + options.parallel() + " at a time" : "")
                    + ". Store ready in "
                    + seconds(System.nanoTime() - started) + " (build, Kafka, PostgreSQL and every service).");
            String table = store.output().lines().filter(l -> l.contains(" ready in ") || l.startsWith("ready in"))
                    .reduce("", (a, b) -> a + "    " + b + "\n");
            line("");
            line(table);
        } else {
            store = LocalStore.running();
            line("");
            line("A store already running (`--store running`): its services' JVM options are whatever it was started"
                    + " with (not set by this benchmark); its gateway must allow this one address the whole load"
                    + " (start it with `--service-java-opts \"... " + LIFTED_RATE_LIMITS + "\"`).");
        }
        try {
            measure(store);
        } finally {
            if (store.startedHere()) {
                out.println("Stopping the store...");
            }
            store.close();
            String speedAfter = MachineSpeed.read().describe(speedBefore);
            line("");
            line("Machine speed after the run" + (store.startedHere() ? ", the store stopped" : "") + ": " + speedAfter
                    + ". Compare figures of runs measured at about the same speed.");
            out.println("Machine speed after the run: " + speedAfter);
            Path file = OUT.resolve("checkout-" + run + ".md");
            Files.writeString(file, summary);
            out.println();
            out.println("Summary: " + file.toAbsolutePath());
        }
        return flashPassed;
    }

    private void measure(LocalStore store) throws Exception {
        out.println("Waiting for the demo catalogue's categories...");
        store.awaitCategories();
        StoreAdmin admin = new StoreAdmin(LocalStore.BASE);
        out.println("Signing in as the demo admin through the gateway...");
        admin.signIn();
        String category = admin.categoryOnSale();
        String tag = run.replace("-", "").substring(2);
        List<String> skus = IntStream.rangeClosed(1, options.skus()).mapToObj(i -> "BENCH-" + tag + "-" + i).toList();
        String flashSku = "BENCH-FLASH-" + tag;
        out.printf("Creating the benchmark's products in %s: %d SKUs of a million units, and %s with %d units...%n",
                category, skus.size(), flashSku, options.flashUnits());
        admin.product("bench-stock-" + tag, "Bench Candle " + tag, category, skus, 1_000_000);
        admin.product("bench-flash-" + tag, "Bench Flash Sale Lamp " + tag, category, List.of(flashSku),
                options.flashUnits());
        awaitSellable(admin, skus, 1_000_000);
        awaitSellable(admin, List.of(flashSku), options.flashUnits());

        Duration deadline = Duration.ofSeconds(options.deadlineSeconds());
        boolean checkouts = options.runs("throughput") || options.runs("paced") || options.runs("flash");
        if (checkouts && options.warmUpMax() > 0) {
            warmUp(store, skus, deadline);
        }

        double checkoutsPerSecond = Double.NaN;
        List<JfrHotspots> hotspots = new ArrayList<>();
        if (options.runs("throughput")) {
            checkoutsPerSecond = throughput(store, skus, deadline, hotspots);
        }
        if (options.runs("paced")) {
            out.printf("Paced: %d new shoppers a second for %d s...%n", options.rate(), options.pacedSeconds());
            String loadBefore = GatlingRun.loadAverage();
            CheckoutSimulation.Tally paced = new CheckoutSimulation.Tally();
            Path pacedReport = GatlingRun.run(CheckoutSimulation.class, new CheckoutSimulation.Plan(LocalStore.BASE,
                    skus, CheckoutSimulation.Load.PACED, options.rate(), Duration.ofSeconds(options.pacedSeconds()),
                    deadline, paced), options.rate() + " checkouts a second", true, OUT);
            checkoutSection("Paced: " + options.rate() + " checkouts a second for " + options.pacedSeconds()
                    + " s (open model; the goal is p99 POST → PAID ≤ 1 s)", paced, options.pacedSeconds(),
                    pacedReport, loadBefore, GatlingRun.loadAverage());
        }
        if (options.runs("floor")) {
            settle("the floor");
            floor(store, skus, checkoutsPerSecond);
        }
        if (options.runs("flash")) {
            settle("the flash sale");
            flashSale(admin, flashSku, deadline);
        }
        if (options.runs("browse")) {
            settle("the browse mix");
            browse(store, admin);
        }
        relayVisibility();
        if (!hotspots.isEmpty()) {
            heading("## Where the checkout's CPU went (JFR, the throughput run, settings=profile)");
            line("Recordings: `" + OUT.resolve("jfr-" + run).toAbsolutePath() + "` (`jfr print --events"
                    + " jdk.ExecutionSample <file>`). Services by samples, most first.");
            line("");
            hotspots.stream().sorted((a, b) -> Long.compare(b.samples(), a.samples()))
                    .forEach(h -> summary.append(h.markdown()));
            out.println("JFR hot spots in the summary; recordings in " + OUT.resolve("jfr-" + run));
        }
    }

    /**
     * The checkout in rounds of {@link #WARM_UP_ROUND} until the store is warm: nine JVMs compiling their hot paths on
     * two busy cores take many minutes, and until C2 has compiled them a PAID order costs two to three times the CPU
     * it does later (23–24 Nov: 8, 12, 17, 24 and 26 PAID/s in five minute-long runs one after another on one
     * store).
     * Warm means the services' JIT compiler threads took under {@code --warm-up-jit} of the services' CPU in the last
     * round; the rounds run for at least {@code --warm-up} and at most {@code --warm-up-max} seconds, and each is
     * listed in the summary.
     */
    private void warmUp(LocalStore store, List<String> skus, Duration deadline) throws Exception {
        heading("## Warm-up");
        line("Rounds of " + WARM_UP_ROUND.toSeconds() + " s, " + options.concurrency() + " shoppers, until the"
                + " services' JIT compilers took under " + percent(options.warmUpJit()) + " of the services' CPU in a"
                + " round (at least " + options.warmUp() + " s, at most " + options.warmUpMax() + " s):");
        line("");
        line("| round | PAID/s | services' CPU per order PAID | of it their JIT compilers"
                + " | machine CPU per order PAID |");
        line("|---:|---:|---:|---:|---:|");
        Map<String, Long> processes = store.servicePids();
        long started = System.nanoTime();
        for (int round = 1; ; round++) {
            Map<String, Double> before = cpuOf(processes, processes.keySet());
            CheckoutSimulation.Tally tally = new CheckoutSimulation.Tally();
            long roundStarted = System.nanoTime();
            GatlingRun.run(CheckoutSimulation.class, new CheckoutSimulation.Plan(LocalStore.BASE, skus,
                    CheckoutSimulation.Load.CLOSED, options.concurrency(), WARM_UP_ROUND, deadline, tally),
                    "warm-up", false, OUT);
            Map<String, Double> after = cpuOf(processes, processes.keySet());
            double roundSeconds = (System.nanoTime() - roundStarted) / 1e9;
            double services = 0;
            double jit = 0;
            for (String service : processes.keySet()) {
                services += after.get(service) - before.get(service);
                jit += after.get(service + "'s JIT compiler") - before.get(service + "'s JIT compiler");
            }
            long paid = Math.max(1, tally.count("PAID"));
            double jitShare = services > 0 ? jit / services : 1;
            double machine = after.get("machine") - before.get("machine");
            line(String.format("| %d | %.1f | %.1f ms | %s | %.1f ms |", round,
                    tally.count("PAID") / roundSeconds, services / paid, percent(jitShare),
                    machine / paid));
            long elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            out.printf("Warm-up round %d: %d PAID, the services' JIT compilers %s of their CPU (%d s so far)%n", round,
                    tally.count("PAID"), percent(jitShare), elapsed);
            boolean warm = elapsed >= options.warmUp() && jitShare < options.warmUpJit();
            if (warm || elapsed >= Math.max(options.warmUp(), options.warmUpMax())) {
                line("");
                line("PAID/s here is PAID orders ÷ the round's whole time, its last shoppers' finish included.");
                line("");
                line(warm ? "Warm after " + elapsed + " s."
                        : "**Not warm** after " + elapsed + " s (`--warm-up-max`): the figures below include"
                                + " compilation.");
                return;
            }
        }
    }

    private static String percent(double share) {
        return String.format("%.1f %%", share * 100);
    }

    /** The closed model's run, with the services' Flight Recorders around it when asked; its checkouts/s. */
    private double throughput(LocalStore store, List<String> skus, Duration deadline, List<JfrHotspots> hotspots)
            throws Exception {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (options.jfr()) {
            for (Map.Entry<String, Long> service : store.servicePids().entrySet()) {
                try {
                    BenchSupport.jcmd(service.getValue(), "JFR.start", "name=bench", "settings=profile");
                    pids.put(service.getKey(), service.getValue());
                } catch (IllegalStateException e) {
                    out.println("No Flight Recorder for " + service.getKey() + ": " + e.getMessage());
                }
            }
        }
        out.printf("Throughput: %d shoppers checking out at all times for %d s (load average %s)...%n",
                options.concurrency(), options.seconds(), GatlingRun.loadAverage());
        String loadBefore = GatlingRun.loadAverage();
        Map<String, Long> processes = store.servicePids();
        Optional<Long> launcher = store.launcherPid();
        Map<String, Double> cpuBefore = cpuOf(processes, processes.keySet());
        // the launcher's own JVM (Kafka's broker), not its descendants: the services and PostgreSQL are its children
        launcher.ifPresent(pid -> cpuBefore.put("launcher JVM (Kafka)", CpuClock.ownMillis(pid)));
        long switchesBefore = CpuClock.machineContextSwitches();
        CheckoutSimulation.Tally throughput = new CheckoutSimulation.Tally();
        Path throughputReport = GatlingRun.run(CheckoutSimulation.class, new CheckoutSimulation.Plan(LocalStore.BASE,
                skus, CheckoutSimulation.Load.CLOSED, options.concurrency(), Duration.ofSeconds(options.seconds()),
                deadline, throughput), options.concurrency() + " shoppers", true, OUT);
        String loadAfter = GatlingRun.loadAverage();
        Map<String, Double> cpuAfter = cpuOf(processes, processes.keySet());
        launcher.ifPresent(pid -> cpuAfter.put("launcher JVM (Kafka)", CpuClock.ownMillis(pid)));
        long switches = CpuClock.machineContextSwitches() - switchesBefore;
        if (options.jfr()) {
            Path jfr = Files.createDirectories(OUT.resolve("jfr-" + run));
            for (Map.Entry<String, Long> service : pids.entrySet()) {
                Path file = jfr.resolve(service.getKey() + ".jfr").toAbsolutePath();
                BenchSupport.jcmd(service.getValue(), "JFR.stop", "name=bench", "filename=" + file);
                hotspots.add(JfrHotspots.of(service.getKey(), file, 12));
            }
        }
        double perSecond = checkoutSection("Checkout throughput: " + options.concurrency()
                + " shoppers at all times for " + options.seconds() + " s (closed model)", throughput,
                options.seconds(), throughputReport, loadBefore, loadAfter);
        long paid = Math.round(perSecond * options.seconds());
        line("");
        line("CPU per order PAID in the window (process CPU from /proc over the run, its last shoppers' finish"
                + " included, ÷ " + paid + "; the machine's is every core's busy time, so what the processes named"
                + " leave of it is PostgreSQL and the rest):");
        line("");
        String cpu = cpuPerUnit(cpuBefore, cpuAfter, paid);
        line(cpu + ".");
        out.println("Checkout CPU per order PAID: " + cpu);
        // a count that does not move with the machine's speed: hand-overs between threads and processes (/proc/stat)
        String perOrder = String.format("%.0f", switches / (double) Math.max(1, paid));
        line("");
        line("Context switches per order PAID in the window, the whole machine (/proc/stat's `ctxt`): " + perOrder
                + ".");
        out.println("Checkout context switches per order PAID: " + perOrder);
        return perSecond;
    }

    private static String cpuPerUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        StringBuilder cpu = new StringBuilder();
        before.forEach((process, then) -> cpu.append(String.format("%s %.2f ms, ", process,
                (after.get(process) - then) / Math.max(1, units))));
        return cpu.substring(0, Math.max(0, cpu.length() - 2));
    }

    /** Waits until inventory offers the SKUs' units and cart takes them (both learn a SKU from catalog's events). */
    private void awaitSellable(StoreAdmin admin, List<String> skus, long units) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String sku : skus) {
            while (true) {
                JsonNode availability = StoreAdmin.JSON.readTree(admin.get(LocalStore.BASE
                        + "/api/inventory/availability?sku=" + sku).body());
                boolean stocked = availability.size() == 1 && availability.get(0).path("available").asLong() == units;
                StoreAdmin probe = new StoreAdmin(LocalStore.BASE);
                if (stocked && probe.addToCart(sku) / 100 == 2) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(sku + " is not sellable after 120 s: availability "
                            + availability);
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
    }

    private double checkoutSection(String title, CheckoutSimulation.Tally tally, int seconds, Path report,
            String loadBefore, String loadAfter) throws IOException {
        long[] latencies = tally.paid().stream().mapToLong(p -> p.paidNanos() - p.sentNanos()).sorted().toArray();
        long window = Duration.ofSeconds(seconds).toNanos();
        long paidInWindow = tally.paid().stream().filter(p -> p.paidNanos() - tally.startedNanos() <= window).count();
        double perSecond = paidInWindow / (double) seconds;
        heading("## " + title);
        line(String.format("| checkouts/s to PAID | PAID | POST → PAID p50 | p95 | p99 | max | 5xx | no answer |"));
        line("|---:|---:|---:|---:|---:|---:|---:|---:|");
        line(String.format("| **%.1f** | %d | %.0f ms | %.0f ms | **%.0f ms** | %.0f ms | %d | %d |", perSecond,
                latencies.length, BenchSupport.percentileMillis(latencies, 0.50),
                BenchSupport.percentileMillis(latencies, 0.95), BenchSupport.percentileMillis(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6, tally.serverErrors(),
                tally.unanswered()));
        line("");
        line("checkouts/s = orders seen PAID within the " + seconds + " s window ÷ " + seconds + " s; POST → PAID is"
                + " from sending POST /api/checkout to the message of the order's event stream that says PAID (the"
                + " wait page's stream), the shopper's own steps (opening the payment page, pressing Pay) included."
                + " Outcomes: " + tally.outcomes() + ". Answers by status (0: no answer, or no awaited message within"
                + " the deadline): " + tally.statuses() + ". Requests by kind: " + tally.requests()
                + ". Load average before "
                + loadBefore + ", after " + loadAfter + ".");
        reportLink(report);
        out.printf("%s: %.1f checkouts/s to PAID, p50 %.0f ms, p99 %.0f ms; outcomes %s (load average %s)%n", title,
                perSecond, BenchSupport.percentileMillis(latencies, 0.50),
                BenchSupport.percentileMillis(latencies, 0.99), tally.outcomes(), loadAfter);
        return perSecond;
    }

    /**
     * Lets the store work off whatever the last phase left (the paced run asks for more than the machine completes),
     * so that the next phase is measured on its own: until all cores are under
     * {@link #QUIET} busy over {@link #QUIET_WINDOW}, for at most {@link #QUIET_DEADLINE}. The summary says how long
     * it took, or that the phase began on a busy machine.
     */
    private void settle(String next) {
        out.printf("Waiting until the machine is quiet before %s...%n", next);
        Quiet.Result quiet = Quiet.await(QUIET, QUIET_WINDOW, QUIET_DEADLINE);
        out.printf("Before %s, %s%n", next, quiet.describe());
        settled.put(next, quiet);
    }

    private String settledBefore(String phase) {
        Quiet.Result quiet = settled.get(phase);
        return quiet == null ? "not waited for" : quiet.describe();
    }

    private void floor(LocalStore store, List<String> skus, double checkoutsPerSecond) throws Exception {
        int port = store.postgresPort();
        out.printf("The floor: %d JDBC clients, one SQL transaction per checkout, for %d s...%n",
                options.concurrency(), options.floorSeconds());
        CheckoutFloor floor = new CheckoutFloor("jdbc:postgresql://localhost:" + port + "/", "postgres", skus);
        floor.prepare(1_000_000_000L);
        CheckoutFloor.Result result;
        String loadBefore = GatlingRun.loadAverage();
        try {
            floor.run(options.concurrency(), Duration.ofSeconds(Math.min(5, options.floorSeconds())));
            result = floor.run(options.concurrency(), Duration.ofSeconds(options.floorSeconds()));
        } finally {
            floor.drop();
        }
        heading("## The floor: the same checkout as one SQL transaction");
        line("Insert the order and its line, take the unit (`UPDATE … SET on_hand = on_hand - 1 WHERE sku = ? AND"
                + " on_hand >= 1`), insert the payment, commit; " + result.clients() + " JDBC clients (a connection"
                + " each) on the store's PostgreSQL (port " + port + ", scratch database `" + CheckoutFloor.DATABASE
                + "`, dropped afterwards), " + options.floorSeconds() + " s after a 5 s warm-up, while the services"
                + " idle (" + settledBefore("the floor") + "). Load average before " + loadBefore + ", after "
                + GatlingRun.loadAverage() + ".");
        line("");
        line("| floor checkouts/s | p50 | p99 | failed | the store's checkouts/s ÷ floor |");
        line("|---:|---:|---:|---:|---:|");
        line(String.format("| %.0f | %.1f ms | %.1f ms | %d | %s |", result.perSecond(), result.p50Millis(),
                result.p99Millis(), result.failed(), Double.isNaN(checkoutsPerSecond) ? "(no throughput run)"
                        : String.format("**%.3f**", checkoutsPerSecond / result.perSecond())));
        out.printf("Floor: %.0f checkouts/s (p99 %.1f ms); the store's %.1f checkouts/s ÷ floor = %.3f%n",
                result.perSecond(), result.p99Millis(), checkoutsPerSecond, checkoutsPerSecond / result.perSecond());
    }

    private void flashSale(StoreAdmin admin, String sku, Duration deadline) throws Exception {
        int shoppers = options.flashShoppers();
        int units = options.flashUnits();
        out.printf("Flash sale: %d shoppers at once on %s (%d units)...%n", shoppers, sku, units);
        String loadBefore = GatlingRun.loadAverage();
        CheckoutSimulation.Tally tally = new CheckoutSimulation.Tally();
        Path report = GatlingRun.run(CheckoutSimulation.class, new CheckoutSimulation.Plan(LocalStore.BASE,
                List.of(sku), CheckoutSimulation.Load.AT_ONCE, shoppers, Duration.ZERO, deadline, tally),
                "flash sale", true, OUT);
        // inventory commits a paid order's units after PAID (OrderConfirmed): wait until nothing is reserved
        JsonNode stock = admin.stock(sku);
        long settle = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stock.path("reserved").asLong() != 0 && System.nanoTime() < settle) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            stock = admin.stock(sku);
        }
        long paid = tally.count("PAID");
        long outOfStock = tally.count("CANCELLED OUT_OF_STOCK");
        // an order that exists and has not finished; a shopper turned away before an order existed is counted by
        // the checks on answers and on OUT_OF_STOCK, not here
        long hanging = tally.outcomes().entrySet().stream().filter(e -> e.getKey().startsWith("hanging in "))
                .mapToLong(Map.Entry::getValue).sum();
        long onHand = stock.path("onHand").asLong();
        long reserved = stock.path("reserved").asLong();
        long available = stock.path("available").asLong();
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("all " + units + " units sold (orders PAID: " + paid + ")", paid == units);
        checks.put("the other " + (shoppers - units) + " got a clean OUT_OF_STOCK (CANCELLED OUT_OF_STOCK: "
                + outOfStock + ")", outOfStock == shoppers - units);
        checks.put("zero 5xx (" + tally.serverErrors() + ") and zero requests without an answer ("
                + tally.unanswered() + ")", tally.serverErrors() == 0 && tally.unanswered() == 0);
        checks.put("zero oversold: inventory says on hand " + onHand + ", reserved " + reserved + ", available "
                + available + " (expected 0, 0, 0), and " + paid + " paid ≤ " + units,
                onHand == 0 && reserved == 0 && available == 0 && paid <= units);
        checks.put("zero orders left hanging: every order PAID or CANCELLED within " + deadline.toSeconds()
                + " s (others: " + hanging + ")", hanging == 0);
        flashPassed = checks.values().stream().allMatch(Boolean::booleanValue);
        heading("## Flash sale: " + shoppers + " shoppers at once on one SKU with " + units + " units — "
                + (flashPassed ? "PASSED" : "FAILED"));
        checks.forEach((check, ok) -> line("- " + (ok ? "✓ " : "✗ ") + check));
        line("");
        long[] latencies = tally.paid().stream().mapToLong(p -> p.paidNanos() - p.sentNanos()).sorted().toArray();
        line("Before it, " + settledBefore("the flash sale") + ".");
        line("");
        line(String.format("Outcomes: %s. Answers by status: %s. The paid ones' POST → PAID: p50 %.0f ms, p99 %.0f ms."
                + " Load average before %s, after %s.", tally.outcomes(), tally.statuses(),
                BenchSupport.percentileMillis(latencies, 0.5), BenchSupport.percentileMillis(latencies, 0.99),
                loadBefore, GatlingRun.loadAverage()));
        reportLink(report);
        out.println("Flash sale " + (flashPassed ? "PASSED" : "FAILED") + ":");
        checks.forEach((check, ok) -> out.println("  " + (ok ? "ok    " : "FAILED") + " " + check));
    }

    private void browse(LocalStore store, StoreAdmin admin) throws Exception {
        List<String> categories = new ArrayList<>();
        StoreAdmin.JSON.readTree(admin.get(LocalStore.BASE + "/api/catalog/categories").body())
                .forEach(c -> categories.add(c.path("slug").asString()));
        List<String> slugs = new ArrayList<>();
        Set<String> words = new LinkedHashSet<>();
        JsonNode page = StoreAdmin.JSON.readTree(admin.get(LocalStore.BASE + "/api/catalog/products?limit=100")
                .body());
        for (JsonNode product : page.path("items")) {
            slugs.add(product.path("slug").asString());
            for (String word : product.path("name").asString().toLowerCase().split("[^a-z]+")) {
                if (word.length() > 3) {
                    words.add(word);
                }
            }
        }
        List<String> queries = List.copyOf(words);
        String kind = options.browsePages() ? "the storefront's pages" : "the catalogue's JSON APIs";
        out.printf("Browse (%s): %d users for %d s over %d categories, %d products, %d search words...%n", kind,
                options.browseUsers(), options.browseSeconds(), categories.size(), slugs.size(), queries.size());
        GatlingRun.run(BrowseSimulation.class, new BrowseSimulation.Plan(LocalStore.BASE, options.browsePages(),
                categories, slugs, queries, options.browseUsers(), Duration.ofSeconds(options.browseWarmUp())),
                "browse warm-up",
                false, OUT);
        String loadBefore = GatlingRun.loadAverage();
        Map<String, Long> pids = store.servicePids();
        List<String> path = List.of("gateway", "catalog-service");
        Map<String, Double> cpuBefore = cpuOf(pids, path);
        Path report = GatlingRun.run(BrowseSimulation.class, new BrowseSimulation.Plan(LocalStore.BASE,
                options.browsePages(), categories, slugs, queries, options.browseUsers(),
                Duration.ofSeconds(options.browseSeconds())), options.browseUsers() + " users browsing", true, OUT);
        Map<String, Double> cpuAfter = cpuOf(pids, path);
        List<GatlingRun.Figures> figures = GatlingRun.figures(report, options.browseSeconds());
        heading("## Browse: " + options.browseUsers() + " users on " + kind + " for " + options.browseSeconds()
                + " s (the goal is ≥ 1,000 req/s with p99 ≤ 100 ms)");
        line("| request | count | failed | req/s | p50 | p95 | p99 | max |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (GatlingRun.Figures f : figures) {
            line(String.format("| %s | %d | %d | %.0f | %d ms | %d ms | %d ms | %d ms |", f.request(), f.count(),
                    f.failed(), f.perSecond(), f.p50(), f.p95(), f.p99(), f.max()));
        }
        line("");
        line("Before it, " + settledBefore("the browse mix") + ". Load average before " + loadBefore + ", after "
                + GatlingRun.loadAverage() + ".");
        // Gatling's first row counts all requests
        long requests = figures.getFirst().count();
        line("");
        line("CPU per request over the measured run (process CPU from /proc ÷ " + requests + " requests; the"
                + " machine's is every core's busy time, so the rest is PostgreSQL, Kafka and the idle services):");
        line("");
        StringBuilder cpu = new StringBuilder();
        cpuBefore.forEach((process, before) -> {
            double perRequest = (cpuAfter.get(process) - before) / Math.max(1, requests);
            cpu.append(String.format("%s %.3f ms, ", process, perRequest));
        });
        line(cpu.substring(0, Math.max(0, cpu.length() - 2)) + ".");
        out.println("Browse CPU per request: " + cpu);
        reportLink(report);
        GatlingRun.print(out, figures, report, GatlingRun::loadAverage);
    }

    /**
     * CPU milliseconds so far of these processes (each with its JIT compiler's part), of this JVM (Gatling's load)
     * and of the whole machine.
     */
    private static Map<String, Double> cpuOf(Map<String, Long> pids, Collection<String> services) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String service : services) {
            Long pid = pids.get(service);
            if (pid != null) {
                cpu.put(service, CpuClock.millis(pid));
                cpu.put(service + "'s JIT compiler", CpuClock.compilerMillis(pid));
            }
        }
        cpu.put("benchmark JVM", ProcessHandle.current().info().totalCpuDuration()
                .map(d -> d.toNanos() / 1e6).orElse(0.0));
        cpu.put("machine", CpuClock.machineBusyMillis());
        return cpu;
    }

    private void reportLink(Path report) {
        line("");
        line("Gatling report: `" + report.resolve("index.html").toAbsolutePath() + "`");
    }

    /** What {@link MachineSpeed} times, for the summary. */
    private static final String MACHINE_SPEED = "one thread's fixed arithmetic, the fastest of eleven timings, and the"
            + " latency of a random read from 64 MB, the fastest of seven walks; lower is faster";

    /** The services that publish through the outbox relay, on their standard local ports. */
    private static final List<Map.Entry<String, Integer>> RELAYING_SERVICES = List.of(
            Map.entry("catalog-service", 8081), Map.entry("cart-service", 8082), Map.entry("inventory-service", 8083),
            Map.entry("order-service", 8084), Map.entry("payment-service", 8085),
            Map.entry("notification-service", 8086), Map.entry("customer-service", 8088));

    /**
     * How often each service's relay held a batch back because a transaction it had decoded from the write-ahead log
     * was not yet visible to other sessions (platform/messaging's visibility gate), against the events it relayed,
     * from the services' own counters: the whole store's life, warm-up and set-up included.
     */
    private void relayVisibility() {
        heading("## The relays' visibility gate");
        line("Batches held back until their transactions were visible (`atelier.outbox.relay.visibility.waits`), and"
                + " events relayed (`atelier.outbox.relayed`), per service since it started:");
        line("");
        HttpClient http = HttpClient.newHttpClient();
        List<String> figures = new ArrayList<>();
        for (Map.Entry<String, Integer> relaying : RELAYING_SERVICES) {
            String service = relaying.getKey();
            int port = relaying.getValue();
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                figures.add(service + " " + (long) counter(metrics, "atelier_outbox_relay_visibility_waits_total")
                        + " of " + (long) counter(metrics, "atelier_outbox_relayed_total") + " events");
            } catch (IOException e) {
                figures.add(service + " unknown (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                figures.add(service + " unknown (interrupted)");
            }
        }
        line(String.join("; ", figures) + ".");
        out.println("Relay visibility waits: " + String.join("; ", figures));
    }

    /** The sum of a Prometheus counter's samples (all its label sets) in a scrape; 0 when absent. */
    static double counter(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void heading(String text) {
        summary.append(summary.isEmpty() ? "" : "\n").append(text).append("\n\n");
    }

    private void line(String text) {
        summary.append(text).append('\n');
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
