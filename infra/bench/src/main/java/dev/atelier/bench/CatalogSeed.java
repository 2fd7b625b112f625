package dev.atelier.bench;

import dev.atelier.events.EventJson;
import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A catalogue for the benchmark, created and published through catalog-service's admin API with a staff token of
 * {@link TestTokens} (the service trusts its JWKS for the run, as the services' tests do): categories with
 * children, four occasions, personalised gifts with a text and a font option, and refurbished hardware with three
 * condition variants and part numbers. No images.
 */
final class CatalogSeed {

    private static final String[] GIFTS = {"Mug", "Keyring", "Canvas Print", "Cushion", "Tote Bag", "Photo Frame",
            "Chopping Board", "Wine Glass", "Notebook", "Star Map", "Bauble", "Blanket"};
    private static final String[] GIFT_WORDS = {"Personalised", "Engraved", "Custom", "Christmas", "Birthday",
            "Wedding", "New Baby", "Anniversary", "Family", "Pet"};
    private static final String[] HARDWARE = {"PowerEdge R740 Server", "ProLiant DL380 Gen10", "Catalyst 2960X Switch",
            "Nexus 3048 Switch", "NetApp Disk Shelf", "Xeon Gold 6130 CPU", "32GB DDR4 RDIMM", "1.92TB SAS SSD",
            "Smart-UPS 1500", "ThinkSystem SR650"};
    private static final String[] BRANDS = {"Dell", "HPE", "Cisco", "Cisco", "NetApp", "Intel", "Samsung", "Seagate",
            "APC", "Lenovo"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token = TestTokens.staff();

    CatalogSeed(String base) {
        this.base = base;
    }

    /** Creates and publishes {@code gifts} gifts and {@code hardware} hardware products. */
    void run(int gifts, int hardware) throws IOException, InterruptedException {
        for (String[] category : new String[][] {{"gifts", "Gifts", null}, {"mugs", "Mugs", "gifts"},
                {"home", "Home", "gifts"}, {"hardware", "Refurbished hardware", null}, {"servers", "Servers", "hardware"},
                {"networking", "Networking", "hardware"}}) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("slug", category[0]);
            body.put("name", category[1]);
            body.put("parent", category[2]);
            send("POST", "/api/admin/catalog/categories", body, 201);
        }
        for (String[] occasion : new String[][] {{"birthday", "Birthday"}, {"wedding", "Wedding"},
                {"christmas", "Christmas"}, {"new-baby", "New Baby"}}) {
            send("POST", "/api/admin/catalog/occasions", Map.of("slug", occasion[0], "name", occasion[1]), 201);
        }
        for (int i = 0; i < gifts; i++) {
            String item = GIFTS[i % GIFTS.length];
            String name = GIFT_WORDS[i % GIFT_WORDS.length] + " " + item + " " + (i / GIFTS.length + 1);
            Map<String, Object> draft = new LinkedHashMap<>();
            draft.put("name", name);
            draft.put("description", "A " + item.toLowerCase() + " made to order with the name and font you choose,"
                    + " printed or engraved in our workshop and sent within three days.");
            draft.put("brand", "Atelier");
            draft.put("price", money(999 + 100L * (i % 30)));
            draft.put("category", item.equals("Mug") ? "mugs" : "home");
            draft.put("occasions", List.of(new String[] {"birthday", "wedding", "christmas", "new-baby"}[i % 4]));
            draft.put("variants", List.of(Map.of("sku", "GIFT-" + i, "attributes", Map.of("size", "standard"),
                    "weightGrams", 400)));
            draft.put("personalisationOptions", List.of(
                    Map.of("key", "name", "label", "Name", "type", "TEXT", "required", true,
                            "constraints", Map.of("maxLength", 20)),
                    Map.of("key", "font", "label", "Font", "type", "FONT", "required", false,
                            "priceModifier", money(200),
                            "constraints", Map.of("fonts", List.of("Script MT", "Georgia", "Futura")))));
            publish(send("POST", "/api/admin/catalog/products", draft, 201));
        }
        for (int i = 0; i < hardware; i++) {
            int kind = i % HARDWARE.length;
            String part = "PN-" + (10_000 + i * 37) + "-" + (char) ('A' + kind);
            Map<String, Object> draft = new LinkedHashMap<>();
            draft.put("name", "Refurbished " + BRANDS[kind] + " " + HARDWARE[kind] + " #" + (i / HARDWARE.length + 1));
            draft.put("description", "Tested, cleaned and graded enterprise hardware with a 12-month warranty.");
            draft.put("brand", BRANDS[kind]);
            draft.put("price", money(4_999 + 2_500L * (i % 40)));
            draft.put("category", kind < 2 || kind == 9 ? "servers" : "networking");
            List<Map<String, Object>> variants = new ArrayList<>();
            String[] conditions = {"Grade A", "Grade B", "Grade C"};
            for (int c = 0; c < conditions.length; c++) {
                variants.add(Map.of("sku", "HW-" + i + "-" + c, "attributes", Map.of("condition", conditions[c]),
                        "price", money(4_999 + 2_500L * (i % 40) - 500L * c), "weightGrams", 2_000,
                        "partNumber", part));
            }
            draft.put("variants", variants);
            publish(send("POST", "/api/admin/catalog/products", draft, 201));
        }
    }

    private void publish(JsonNode created) throws IOException, InterruptedException {
        send("POST", "/api/admin/catalog/products/" + created.path("id").asString() + "/publish", null, 200);
    }

    private static Map<String, Object> money(long amount) {
        return Map.of("amount", amount, "currency", "GBP");
    }

    private JsonNode send(String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isBlank() ? EventJson.mapper().nullNode() : EventJson.mapper().readTree(response.body());
    }
}
