package dev.atelier.customer.wishlist;

import dev.atelier.events.Money;
import dev.atelier.events.catalog.SellableVariant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's read model of catalog's sellable variants (event-carried state: it never calls catalog). Each
 * write is one guarded statement: a fact older than the one already applied ({@code as_of}) changes nothing, so a
 * replayed dead letter cannot roll a price back.
 */
@Repository
class CatalogVariants {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogVariants(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A variant as the wishlist shows it. */
    record Variant(String sku, UUID productId, String slug, String name, Money price, Map<String, String> attributes,
            @Nullable String imageUrl, boolean retired) {
    }

    /**
     * The product's sellable variants as they are now: each one written (and no longer retired), every other variant
     * of the product flagged retired (it was removed from the product).
     */
    void replaceProduct(UUID productId, String slug, String name, List<SellableVariant> variants,
            @Nullable String imageUrl, Instant asOf) {
        for (SellableVariant variant : variants) {
            jdbc.sql("""
                    INSERT INTO catalog_variant (sku, product_id, slug, name, price_minor, currency, attributes,
                                                 image_url, retired, as_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, false, ?)
                    ON CONFLICT (sku) DO UPDATE SET product_id = EXCLUDED.product_id, slug = EXCLUDED.slug,
                        name = EXCLUDED.name, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
                        attributes = EXCLUDED.attributes, image_url = EXCLUDED.image_url, retired = false,
                        as_of = EXCLUDED.as_of
                    WHERE catalog_variant.as_of <= EXCLUDED.as_of
                    """).params(variant.sku(), productId, slug, name, variant.price().minor(),
                            variant.price().currency().getCurrencyCode(), json.writeValueAsString(variant.attributes()),
                            imageUrl, utc(asOf)).update();
        }
        List<String> skus = variants.stream().map(SellableVariant::sku).toList();
        jdbc.sql("UPDATE catalog_variant SET retired = true, as_of = ? WHERE product_id = ? AND NOT (sku = ANY (?)) "
                        + "AND NOT retired AND as_of <= ?")
                .params(utc(asOf), productId, skus.toArray(String[]::new), utc(asOf)).update();
    }

    /** False when the SKU is unknown here or a later fact was already applied. */
    boolean changePrice(String sku, Money price, Instant asOf) {
        return jdbc.sql("UPDATE catalog_variant SET price_minor = ?, currency = ?, as_of = ? WHERE sku = ? AND as_of <= ?")
                .params(price.minor(), price.currency().getCurrencyCode(), utc(asOf), sku, utc(asOf)).update() == 1;
    }

    void retire(Collection<String> skus, Instant asOf) {
        jdbc.sql("UPDATE catalog_variant SET retired = true, as_of = ? WHERE sku = ANY (?) AND as_of <= ?")
                .params(utc(asOf), skus.toArray(String[]::new), utc(asOf)).update();
    }

    Optional<Variant> bySku(String sku) {
        return jdbc.sql("SELECT sku, product_id, slug, name, price_minor, currency, attributes::text, image_url, retired "
                + "FROM catalog_variant WHERE sku = ?").param(sku).query((rs, n) -> new Variant(rs.getString(1),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        Money.of(rs.getLong(5), rs.getString(6)), json.readValue(rs.getString(7), ATTRIBUTES),
                        rs.getString(8), rs.getBoolean(9)))
                .optional();
    }

    Map<String, String> attributes(String text) {
        return json.readValue(text, ATTRIBUTES);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
