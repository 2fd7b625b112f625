package dev.atelier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shopper's whole journey against the store {@code ./atelier up} runs, through the gateway only: find a product
 * of the demo catalogue, put it in the basket, check out as a guest, pay on the sandbox's page, and see the order
 * PAID. Every service takes part: catalog, cart, order (the saga), inventory, payment, notification.
 */
class CheckoutThroughTheGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningStore store;

    private final HttpClient shopper = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startTheStore() throws Exception {
        store = RunningStore.shared();
    }

    @Test
    void aGuestBrowsesBuysAndPaysThroughTheGateway() throws Exception {
        JsonNode product = awaitJson("/api/catalog/products?q=christmas+mug", page -> page.path("items").size() > 0,
                Duration.ofSeconds(120)).path("items").get(0);
        JsonNode detail = json(get("/api/catalog/products/" + product.path("slug").asString()));
        JsonNode variant = detail.path("variants").valueStream().filter(v -> v.path("inStock").asBoolean())
                .findFirst().orElseThrow(() -> new AssertionError("no variant in stock: " + detail));
        StringBuilder personalisation = new StringBuilder("{");
        detail.path("personalisationOptions").forEach(option -> {
            if (option.path("required").asBoolean()) {
                personalisation.append(personalisation.length() > 1 ? "," : "").append('"')
                        .append(option.path("key").asString()).append("\":\"").append(valueFor(option)).append('"');
            }
        });
        personalisation.append('}');

        HttpResponse<String> added = post("/api/cart/items", "{\"sku\":\"" + variant.path("sku").asString()
                + "\",\"quantity\":1,\"personalisation\":" + personalisation + "}");
        assertThat(added.statusCode()).as(added.body()).isBetween(200, 201);
        JsonNode cart = json(get("/api/cart"));
        assertThat(cart.path("lines").size()).isEqualTo(1);
        long total = cart.path("totals").path("total").path("amount").asLong();
        assertThat(total).isPositive();

        HttpResponse<String> placed = post("/api/checkout", """
                {"email":"e2e.shopper@example.co.uk","paymentMethod":"card","shippingOption":"standard",
                 "shippingAddress":{"name":"Sophie Hart","line1":"1 High Street","city":"Bath","postcode":"BA1 1AA",
                 "country":"GB"}}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String orderId = json(placed).path("orderId").asString();
        String token = json(placed).path("orderToken").asString();

        JsonNode awaiting = awaitOrder(orderId, token, o -> !o.path("paymentRedirectUrl").isNull()
                && !o.path("paymentRedirectUrl").asString().isEmpty() || o.path("status").asString().equals("CANCELLED"));
        assertThat(awaiting.path("status").asString()).as(awaiting.toString()).isEqualTo("AWAITING_PAYMENT");
        URI payPage = URI.create(awaiting.path("paymentRedirectUrl").asString());
        assertThat(payPage.getPath()).startsWith("/pay/sandbox/");
        HttpResponse<String> page = get(payPage.getPath());
        assertThat(page.statusCode()).isEqualTo(200);

        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(store.baseUrl() + payPage.getPath() + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("")));
        assertThat(paid.statusCode()).as(paid.body()).isIn(200, 302, 303);

        JsonNode order = awaitOrder(orderId, token, o -> o.path("status").asString().equals("PAID"));
        assertThat(order.path("totals").path("total").path("amount").asLong()).isEqualTo(total);
        assertThat(order.path("lines").get(0).path("sku").asString()).isEqualTo(variant.path("sku").asString());
    }

    private static String valueFor(JsonNode option) {
        JsonNode constraints = option.path("constraints");
        for (String list : new String[] {"fonts", "colours", "choices"}) {
            if (constraints.path(list).size() > 0) {
                return constraints.path(list).get(0).asString();
            }
        }
        return option.path("type").asString().equals("TOGGLE") ? "true" : "Sophie";
    }

    private JsonNode awaitOrder(String orderId, String token, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode order = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(store.baseUrl() + "/api/orders/"
                    + orderId)).header("X-Order-Token", token).GET());
            if (response.statusCode() == 200) {
                order = JSON.readTree(response.body());
                if (done.test(order)) {
                    return order;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new AssertionError("the order did not get there in 90 s; last seen: " + order);
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && done.test(JSON.readTree(response.body()))) {
                return JSON.readTree(response.body());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        throw new AssertionError(path + " did not answer as expected within " + within + "; last: " + last);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(store.baseUrl() + path)).GET());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(store.baseUrl() + path)).header("Content-Type", "application/json")
                .header("Origin", store.baseUrl()).POST(BodyPublishers.ofString(json)));
    }

    /**
     * Sends as a well-behaved client does: a 503 that carries {@code Retry-After} (a service's dependency was slow, as
     * on a loaded build machine) is tried again after the time it asks for, at most three times.
     */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = shopper.send(built, HttpResponse.BodyHandlers.ofString());
        for (int retry = 0; retry < 3 && response.statusCode() == 503; retry++) {
            java.util.Optional<String> after = response.headers().firstValue("Retry-After");
            if (after.isEmpty() || !after.get().matches("\\d{1,2}")) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(Long.parseLong(after.get())).toNanos());
            response = shopper.send(built, HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }
}
