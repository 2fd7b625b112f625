package dev.atelier.catalog.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.atelier.events.EventJson;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.testing.EventProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * inventory-service's admin API as the demo seeder uses it, played by a small HTTP server. Like the real one, it
 * knows a SKU only once catalog's ProductPublished (or a bundle's BundleDefined) has reached it over Kafka, and it
 * keeps a ledger per SKU, and it refuses a call without the admin's token; inventory's own handling of those events is tested in inventory-service.
 */
final class StandInInventory implements AutoCloseable {

    /** A receipt the seeder posted. */
    record Receipt(String sku, long quantity, String reference) {
    }

    private static final Pattern SKU_PATH = Pattern.compile("/api/admin/inventory/skus/([A-Z0-9._-]+)(/.*)?");

    private final HttpServer server;
    private final EventProbe catalogEvents;
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    private final Map<String, String> policies = new ConcurrentHashMap<>();

    private final String token;

    /** Like the real one, it answers 401 to a call without the admin's token. */
    StandInInventory(EventProbe catalogEvents, String token) {
        this.catalogEvents = catalogEvents;
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    Map<String, String> policies() {
        return Map.copyOf(policies);
    }

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private int read;

    // reads only what arrived since the last call: the probe keeps every record
    private synchronized Set<String> known() {
        var records = catalogEvents.records();
        for (var record : records.subList(read, records.size())) {
            String type = EventProbe.header(record, "eventType");
            if ("ProductPublished".equals(type)) {
                EventJson.read(record.value(), ProductPublished.class).variants().stream().filter(v -> !v.bundle())
                        .map(SellableVariant::sku).forEach(known::add);
            } else if ("BundleDefined".equals(type)) {
                EventJson.read(record.value(), BundleDefined.class).components().forEach(c -> known.add(c.sku()));
            }
        }
        read = records.size();
        return known;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"type\":\"https://atelier.dev/problems/unauthenticated\"}");
                return;
            }
            Matcher path = SKU_PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches() || !known().contains(path.group(1))) {
                answer(exchange, 404, "{\"type\":\"https://atelier.dev/problems/unknown-sku\"}");
                return;
            }
            String sku = path.group(1);
            String rest = path.group(2) == null ? "" : path.group(2);
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && rest.isEmpty()) {
                answer(exchange, 200, "{\"sku\":\"" + sku + "\"}");
            } else if (method.equals("GET") && rest.equals("/ledger")) {
                List<Receipt> ofSku = receipts.stream().filter(r -> r.sku().equals(sku)).toList();
                answer(exchange, 200, "{\"items\":" + EventJson.mapper().writeValueAsString(ofSku) + ",\"nextCursor\":null}");
            } else if (method.equals("POST") && rest.equals("/receipts")) {
                JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
                receipts.add(new Receipt(sku, body.get("quantity").asLong(), body.get("reference").asString()));
                answer(exchange, 200, "{}");
            } else if (method.equals("PUT") && rest.equals("/reorder-policy")) {
                policies.put(sku, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer(exchange, 200, "{}");
            } else {
                answer(exchange, 405, "{}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
