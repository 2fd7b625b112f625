package dev.atelier.cart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.atelier.events.EventJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * catalog-service's {@code POST /internal/personalisation/validate}, played by one WireMock server per test JVM.
 * Stubs match on the SKU (and values) so that tests of different SKUs do not disturb each other.
 */
public final class CatalogStub {

    private static final String PATH = "/internal/personalisation/validate";
    private static final CatalogStub INSTANCE = new CatalogStub();

    private final WireMockServer server;

    private CatalogStub() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }

    public static CatalogStub get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Any values for this SKU are valid (catalog sends none back: they need no normalising), cost {@code delta} more a unit, and come back with these labels. */
    public void accepts(String sku, long delta, Map<String, String> labels) {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))
                .atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"valid\": true, \"values\": {}, "
                                + "\"priceDelta\": {\"amount\": " + delta + ", \"currency\": \"GBP\"}, \"errors\": [], "
                                + "\"labels\": " + EventJson.mapper().writeValueAsString(labels) + "}")));
    }

    /** These values for this SKU are refused with these errors (option key → message). */
    public void refuses(String sku, Map<String, String> values, Map<String, String> errors) {
        List<Map<String, String>> list = errors.entrySet().stream()
                .map(e -> Map.of("key", e.getKey(), "message", e.getValue())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", false);
        body.put("values", values);
        body.put("priceDelta", Map.of("amount", 0, "currency", "GBP"));
        body.put("errors", list);
        var request = post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.sku", equalTo(sku)));
        values.forEach((key, value) -> request.withRequestBody(matchingJsonPath("$.values." + key, equalTo(value))));
        server.stubFor(request
                .atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(EventJson.mapper().writeValueAsString(body))));
    }

    /** Catalog does not know this SKU. */
    public void doesNotKnow(String sku) {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))
                .atPriority(5)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\": \"https://atelier.dev/problems/unknown-sku\", \"status\": 404}")));
    }

    /** Catalog is down for this SKU: the connection is reset. */
    public void isDownFor(String sku) {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))
                .atPriority(5)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Catalog answers for this SKU as {@link #accepts} would, but only after {@code delay}. */
    public void isSlowFor(String sku, Duration delay) {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))
                .atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay((int) delay.toMillis())
                        .withBody("{\"valid\": true, \"values\": {}, \"errors\": [], \"labels\": {}}")));
    }

    /** How many validations were asked for this SKU. */
    public int callsFor(String sku) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))).size();
    }
}
