package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Products a test starts from, created through the admin API under slugs and SKUs no other test uses (the
 * context and its database are shared by all test classes).
 */
public final class CatalogFixture {

    private final Http http;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    public CatalogFixture(Http http) {
        this.http = http;
    }

    /** A word unique to this fixture, for slugs and SKUs. */
    public String unique(String prefix) {
        return prefix + "-" + suffix;
    }

    public String sku(String prefix) {
        return (prefix + "-" + suffix).toUpperCase();
    }

    public String category(String slug, String name, String parent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", name);
        body.put("parent", parent);
        Http.Answer created = http.post("/api/admin/catalog/categories", json(body));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return slug;
    }

    public String occasion(String slug, String name) {
        Http.Answer created = http.post("/api/admin/catalog/occasions", json(Map.of("slug", slug, "name", name)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return slug;
    }

    public static String json(Object value) {
        return EventJson.mapper().writeValueAsString(value);
    }

    public static Map<String, Object> gbp(long amount) {
        return Map.of("amount", amount, "currency", "GBP");
    }

    public Http.Answer create(Draft draft) {
        return http.post("/api/admin/catalog/products", json(draft.body()));
    }

    /** Creates and publishes the product; returns its id. */
    public String published(Draft draft) {
        Http.Answer created = create(draft);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("id");
        Http.Answer published = http.post("/api/admin/catalog/products/" + id + "/publish", "");
        assertThat(published.status()).as(published.body().toString()).isEqualTo(200);
        return id;
    }

    public static Draft draft(String name, String category, long price) {
        return new Draft(name, category, price);
    }

    /** A product as staff would post it, built up by a test. */
    public static final class Draft {

        private final Map<String, Object> body = new LinkedHashMap<>();
        private final List<Map<String, Object>> variants = new ArrayList<>();
        private final List<Map<String, Object>> options = new ArrayList<>();

        Draft(String name, String category, long price) {
            body.put("name", name);
            body.put("category", category);
            body.put("price", gbp(price));
            body.put("variants", variants);
            body.put("personalisationOptions", options);
        }

        public Draft with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public Draft variant(String sku, Map<String, String> attributes) {
            return variant(sku, attributes, null, null);
        }

        public Draft variant(String sku, Map<String, String> attributes, Long price, String partNumber) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("sku", sku);
            variant.put("attributes", attributes);
            if (price != null) {
                variant.put("price", gbp(price));
            }
            variant.put("weightGrams", 350);
            if (partNumber != null) {
                variant.put("partNumber", partNumber);
            }
            variants.add(variant);
            return this;
        }

        public Draft bundleOf(String sku, Map<String, Integer> components) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("sku", sku);
            variant.put("weightGrams", 900);
            variant.put("components", components.entrySet().stream()
                    .map(e -> Map.of("sku", e.getKey(), "quantity", e.getValue())).toList());
            variants.add(variant);
            return this;
        }

        public Draft option(String key, String type, boolean required, long priceModifier,
                Map<String, Object> constraints) {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("key", key);
            option.put("label", key.substring(0, 1).toUpperCase() + key.substring(1));
            option.put("type", type);
            option.put("required", required);
            option.put("priceModifier", gbp(priceModifier));
            option.put("constraints", constraints);
            options.add(option);
            return this;
        }

        public Map<String, Object> body() {
            return body;
        }
    }
}
