package dev.atelier.catalog.demo;

import dev.atelier.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Fills a store with the demo catalogue the way an admin would, through the HTTP admin APIs only and with an admin's
 * access token ({@link AdminToken}; {@code ./atelier up} signs the demo admin in at customer-service): catalog's for
 * categories, occasions, images and products (created, then published), inventory's for the opening stock and
 * reorder policies, catalog's content API for the blog ({@link DemoContent}). Idempotent: what exists is left as it is, so a second run creates and receives nothing.
 * Inventory learns a SKU from catalog's ProductPublished; the seeder waits (with a deadline) until it does before
 * receiving its stock, and receives only into a SKU whose ledger is still empty.
 */
final class DemoSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    /** What a run did. */
    record Outcome(int productsCreated, int productsPublished, int imagesUploaded, int skusReceived,
            int productsPresent, int postsPublished) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI catalog;
    private final URI inventory;
    private final Duration inventoryWait;
    private final AdminToken token;
    private final DemoImages images;
    private final List<DemoCatalogue.Product> products;

    DemoSeeder(URI catalog, URI inventory, Duration inventoryWait, AdminToken token, DemoImages images,
            List<DemoCatalogue.Product> products) {
        this.token = token;
        this.products = List.copyOf(products);
        this.catalog = catalog;
        this.inventory = inventory;
        this.inventoryWait = inventoryWait;
        this.images = images;
    }

    Outcome run() {
        Instant started = Instant.now();
        categories();
        occasions();
        int created = 0;
        int published = 0;
        int uploaded = 0;
        // bundles last: their components must be on sale first
        List<DemoCatalogue.Product> ordered = new java.util.ArrayList<>(products.stream().filter(p -> !p.isBundle()).toList());
        ordered.addAll(products.stream().filter(DemoCatalogue.Product::isBundle).toList());
        for (DemoCatalogue.Product product : ordered) {
            JsonNode existing = first(get(catalog, "/api/admin/catalog/products?slug=" + encode(product.slug())));
            String id;
            String status;
            if (existing == null) {
                Map<String, Object> draft = new LinkedHashMap<>(product.draft());
                String mediaRef = images.upload(http, catalog, token, product);
                if (mediaRef != null) {
                    uploaded++;
                    draft.put("images", List.of(Map.of("mediaRef", mediaRef, "altText", product.name(), "primary", true)));
                }
                JsonNode answer = send(catalog, "POST", "/api/admin/catalog/products", draft, 201);
                id = answer.get("id").asString();
                status = answer.get("status").asString();
                created++;
            } else {
                id = existing.get("id").asString();
                status = existing.get("status").asString();
            }
            if (status.equals("DRAFT")) {
                send(catalog, "POST", "/api/admin/catalog/products/" + id + "/publish", null, 200);
                published++;
            }
        }
        int received = stock(products);
        int posts = posts();
        Outcome outcome = new Outcome(created, published, uploaded, received, products.size(), posts);
        log.info("Demo catalogue: {} products ({} created, {} published, {} images), {} SKUs received stock, {} blog "
                        + "posts published in {} s", products.size(), created, published, uploaded, received, posts,
                Duration.between(started, Instant.now()).toSeconds());
        return outcome;
    }

    private void categories() {
        Set<String> present = new HashSet<>();
        get(catalog, "/api/admin/catalog/categories").forEach(c -> present.add(c.get("slug").asString()));
        for (DemoCatalogue.Category category : DemoCatalogue.CATEGORIES) {
            if (!present.contains(category.slug())) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("slug", category.slug());
                body.put("name", category.name());
                body.put("parent", category.parent());
                send(catalog, "POST", "/api/admin/catalog/categories", body, 201);
            }
        }
    }

    private void occasions() {
        Set<String> present = new HashSet<>();
        get(catalog, "/api/admin/catalog/occasions").forEach(o -> present.add(o.get("slug").asString()));
        for (DemoCatalogue.Occasion occasion : DemoCatalogue.OCCASIONS) {
            if (!present.contains(occasion.slug())) {
                send(catalog, "POST", "/api/admin/catalog/occasions",
                        Map.of("slug", occasion.slug(), "name", occasion.name()), 201);
            }
        }
    }

    /** The demo blog through the content API: its author, then each post not yet there, written and published. */
    private int posts() {
        int author = status(catalog, "POST", "/api/admin/catalog/content/authors", DemoContent.author());
        if (author != 201 && author != 409) { // 409: the author is there from an earlier run
            throw new IllegalStateException("adding the demo blog's author answered " + author);
        }
        Map<String, String> present = new java.util.HashMap<>();
        get(catalog, "/api/admin/catalog/content/posts").forEach(post -> present.put(post.get("slug").asString(),
                post.get("status").asString() + " " + post.get("id").asString()));
        int published = 0;
        for (DemoContent.Post post : DemoContent.POSTS) {
            String state = present.get(post.slug());
            String id;
            if (state == null) {
                id = send(catalog, "POST", "/api/admin/catalog/content/posts", post.draft(), 201).get("id").asString();
            } else if (state.startsWith("DRAFT ")) {
                id = state.substring("DRAFT ".length());
            } else {
                continue;
            }
            send(catalog, "POST", "/api/admin/catalog/content/posts/" + id + "/publish", null, 200);
            published++;
        }
        return published;
    }

    private int stock(List<DemoCatalogue.Product> products) {
        int received = 0;
        Instant deadline = Instant.now().plus(inventoryWait);
        for (DemoCatalogue.Product product : products) {
            for (DemoCatalogue.Stock stock : product.stock()) {
                awaitKnown(stock.sku(), deadline);
                JsonNode ledger = get(inventory, "/api/admin/inventory/skus/" + stock.sku() + "/ledger?limit=1");
                if (ledger.get("items").isEmpty()) {
                    send(inventory, "PUT", "/api/admin/inventory/skus/" + stock.sku() + "/reorder-policy",
                            Map.of("reorderPoint", stock.reorderPoint(), "reorderQuantity", stock.reorderQuantity()), 200);
                    send(inventory, "POST", "/api/admin/inventory/skus/" + stock.sku() + "/receipts",
                            Map.of("quantity", stock.onHand(), "reference", "DEMO-OPENING", "note", "demo opening stock"),
                            200);
                    received++;
                }
            }
        }
        return received;
    }

    // inventory creates the SKU when catalog's ProductPublished reaches it
    private void awaitKnown(String sku, Instant deadline) {
        Duration pause = Duration.ofMillis(100);
        while (true) {
            int status = status(inventory, "/api/admin/inventory/skus/" + sku);
            if (status == 200) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("inventory at " + inventory + " does not know " + sku + " (last answer "
                        + status + "); is it running and consuming catalog.product?");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for inventory", e);
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : pause.multipliedBy(2);
        }
    }

    private static @Nullable JsonNode first(JsonNode page) {
        JsonNode items = page.get("items");
        return items == null || items.isEmpty() ? null : items.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode get(URI base, String path) {
        return send(base, "GET", path, null, 200);
    }

    /** A call whose refusal is an answer, not a failure: its status only (409 for an author already there). */
    private int status(URI base, String method, String path, Object body) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token.bearer())
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(
                                    EventJson.mapper().writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private int status(URI base, String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token.bearer()).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode send(URI base, String method, String path, @Nullable Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.bearer()).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + base.resolve(path) + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isBlank() ? EventJson.mapper().nullNode() : EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
