package dev.atelier.bench;

import dev.atelier.web.totp.OneTimeCodes;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo admin at the store, through the gateway only: signs in as a browser does (the gateway sends it to
 * customer-service's sign-in page; e-mail, password and the authenticator's current code; the gateway keeps the
 * tokens in its session and relays them to the admin APIs), then creates and publishes products in catalog,
 * receives their stock in inventory and reads inventory's figures.
 */
final class StoreAdmin {

    /** The demo admin that {@code ./atelier up} creates (customer-service's local profile). */
    private static final String EMAIL = "admin@atelier.local";
    private static final String PASSWORD = "atelier demo admin password";
    private static final String TOTP_SECRET = "ATELIERDEMOADMINTOTPSECRET234567";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    StoreAdmin(String base) {
        this.base = base;
    }

    /**
     * Signs in; a code is accepted once per 30-second step (the store's own seeding signs in with the same account),
     * so a refused code is tried again in the next step, up to a deadline.
     */
    void signIn() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
        while (true) {
            List<String> toLogin = follow(get(base + "/oauth2/authorization/atelier"));
            String loginPage = toLogin.getLast();
            HttpResponse<String> page = get(loginPage);
            Matcher csrf = CSRF.matcher(page.body());
            if (!csrf.find()) {
                throw new IllegalStateException("no sign-in form at " + loginPage + " (" + page.statusCode() + ")");
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("email", EMAIL);
            form.put("password", PASSWORD);
            form.put("code", OneTimeCodes.of(TOTP_SECRET).at(Instant.now()));
            form.put("_csrf", csrf.group(1));
            HttpResponse<String> submitted = send(HttpRequest.newBuilder(page.uri())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
            List<String> hops = follow(submitted);
            if (!hops.isEmpty() && !hops.getLast().contains("/login?error")) {
                if (get(base + "/api/admin/orders?limit=1").statusCode() == 200) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo admin could not sign in through the gateway; last hops "
                        + hops);
            }
            long nextWindow = (OneTimeCodes.step(Instant.now()) + 1) * OneTimeCodes.STEP_SECONDS;
            LockSupport.parkNanos(Duration.ofSeconds(Math.max(1, nextWindow - Instant.now().getEpochSecond()))
                    .toNanos());
        }
    }

    /**
     * Creates and publishes a product with one variant per SKU (price £15), in a category of the demo catalogue,
     * waits until inventory knows its SKUs, and receives {@code units} of each.
     */
    void product(String slug, String name, String category, List<String> skus, long units) throws Exception {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            variants.add(Map.of("sku", skus.get(i), "attributes", Map.of("edition", "No. " + (i + 1)),
                    "weightGrams", 300));
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("slug", slug);
        draft.put("name", name);
        draft.put("description", "A product the checkout benchmark creates for itself.");
        draft.put("brand", "Atelier Bench");
        draft.put("price", Map.of("amount", 1500, "currency", "GBP"));
        draft.put("category", category);
        draft.put("variants", variants);
        JsonNode created = json(send("POST", "/api/admin/catalog/products", draft), 201);
        String id = created.path("id").asString();
        json(send("POST", "/api/admin/catalog/products/" + id + "/publish", null), 200);
        for (String sku : skus) {
            awaitStatus("/api/admin/inventory/skus/" + sku, 200, Duration.ofSeconds(60));
            json(send("POST", "/api/admin/inventory/skus/" + sku + "/receipts",
                    Map.of("quantity", units, "reference", "BENCH", "note", "checkout benchmark")), 200);
        }
    }

    /** Adds one unit of the SKU to this client's cart: the status cart answers (200 once cart knows the SKU). */
    int addToCart(String sku) throws Exception {
        return send("POST", "/api/cart/items", Map.of("sku", sku, "quantity", 1)).statusCode();
    }

    /** Inventory's figures of a SKU: {@code onHand, reserved, available}. */
    JsonNode stock(String sku) throws Exception {
        return json(get(base + "/api/admin/inventory/skus/" + sku), 200);
    }

    /** A demo category's slug: the first of the tree that has products on sale, else the first. */
    String categoryOnSale() throws Exception {
        String first = null;
        for (JsonNode category : JSON.readTree(get(base + "/api/catalog/categories").body())) {
            String slug = category.path("slug").asString();
            first = first == null ? slug : first;
            JsonNode page = JSON.readTree(get(base + "/api/catalog/products?limit=1&category=" + slug).body());
            if (page.path("items").size() > 0) {
                return slug;
            }
        }
        if (first == null) {
            throw new IllegalStateException("the demo catalogue has no category");
        }
        return first;
    }

    private void awaitStatus(String path, int expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            last = get(base + path).statusCode();
            if (last == expected) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException(path + " answered " + last + ", not " + expected + ", for " + within);
    }

    HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        // a JSON call needs no CSRF token at the gateway (a cross-site form cannot send one), even without a body
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Origin", base)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Follows redirects with GET, returning every location visited. */
    private List<String> follow(HttpResponse<String> response) throws Exception {
        List<String> locations = new ArrayList<>();
        HttpResponse<String> current = response;
        for (int hop = 0; hop < 10 && current.statusCode() / 100 == 3; hop++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            locations.add(next.toString());
            current = get(next.toString());
        }
        return locations;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

}
