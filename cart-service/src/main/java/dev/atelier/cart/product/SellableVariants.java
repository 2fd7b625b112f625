package dev.atelier.cart.product;

import dev.atelier.cart.Json;
import dev.atelier.events.Money;
import dev.atelier.events.catalog.SellableVariant;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model of sellable variants. Each change carries the catalog's time and applies only if it is not older
 * than what the row holds, so that events redelivered out of order never roll a price back.
 */
@Repository
public class SellableVariants {

    private static final List<String> COLUMN_NAMES = List.of("sku", "product_id", "name", "attributes", "image_url",
            "tax_class", "categories", "personalisable", "price_minor", "currency", "weight_grams", "available",
            "retired");
    private static final String COLUMNS = columns("sellable_variant", "");

    private final JdbcClient jdbc;

    SellableVariants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Variant> find(String sku) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sellable_variant WHERE sku = ?").param(sku)
                .query((rs, row) -> map(rs)).optional();
    }

    public Map<String, Variant> findAll(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM sellable_variant WHERE sku = ANY(?)")
                .param(skus.toArray(String[]::new))
                .query((rs, row) -> map(rs)).list().stream()
                .collect(Collectors.toMap(Variant::sku, Function.identity()));
    }

    /** The product as it is now: its variants upserted, and those it no longer lists retired. */
    void replaceProduct(UUID productId, String name, List<SellableVariant> variants, @Nullable String imageUrl,
            @Nullable String taxClass, @Nullable List<String> categories, @Nullable Boolean personalisable,
            Instant at) {
        for (SellableVariant variant : variants) {
            jdbc.sql("""
                    INSERT INTO sellable_variant (sku, product_id, name, attributes, image_url, tax_class, categories,
                                                  personalisable, price_minor, currency, weight_grams, retired, changed_at)
                    VALUES (:sku, :product, :name, :attributes::jsonb, :image, :taxClass, :categories, :personalisable,
                            :price, :currency, :weight, false, :at)
                    ON CONFLICT (sku) DO UPDATE SET
                        product_id = excluded.product_id, name = excluded.name, attributes = excluded.attributes,
                        image_url = excluded.image_url, tax_class = excluded.tax_class,
                        categories = excluded.categories, personalisable = excluded.personalisable,
                        price_minor = excluded.price_minor, currency = excluded.currency,
                        weight_grams = excluded.weight_grams, retired = false, changed_at = excluded.changed_at
                    WHERE sellable_variant.changed_at <= excluded.changed_at""")
                    .param("sku", variant.sku())
                    .param("product", productId)
                    .param("name", name)
                    .param("attributes", Json.write(variant.attributes()))
                    .param("image", imageUrl)
                    .param("taxClass", taxClass == null ? "STANDARD" : taxClass)
                    .param("categories", categories == null ? new String[0] : categories.toArray(String[]::new))
                    .param("personalisable", Boolean.TRUE.equals(personalisable))
                    .param("price", variant.price().minor())
                    .param("currency", variant.price().currency().getCurrencyCode())
                    .param("weight", variant.weightGrams())
                    .param("at", Timestamp.from(at))
                    .update();
        }
        jdbc.sql("""
                UPDATE sellable_variant SET retired = true, changed_at = :at
                 WHERE product_id = :product AND NOT (sku = ANY(:skus)) AND changed_at <= :at""")
                .param("product", productId)
                .param("skus", variants.stream().map(SellableVariant::sku).toArray(String[]::new))
                .param("at", Timestamp.from(at))
                .update();
    }

    void changePrice(String sku, Money price, Instant at) {
        jdbc.sql("""
                UPDATE sellable_variant SET price_minor = ?, currency = ?, changed_at = ?
                 WHERE sku = ? AND changed_at <= ?""")
                .params(price.minor(), price.currency().getCurrencyCode(), Timestamp.from(at), sku, Timestamp.from(at))
                .update();
    }

    void retire(Collection<String> skus, Instant at) {
        jdbc.sql("UPDATE sellable_variant SET retired = true, changed_at = ? WHERE sku = ANY(?) AND changed_at <= ?")
                .params(Timestamp.from(at), skus.toArray(String[]::new), Timestamp.from(at))
                .update();
    }

    void stockLevel(String sku, long available) {
        jdbc.sql("UPDATE sellable_variant SET available = ? WHERE sku = ?").params(available, sku).update();
    }

    /**
     * The read model's columns of the table (or alias) {@code table}, each named with {@code suffix}, as
     * {@link #variant} reads them: for a statement that joins the read model (a cart with its lines' variants).
     */
    public static String columns(String table, String suffix) {
        return COLUMN_NAMES.stream()
                .map(c -> table + "." + c + (c.equals("attributes") ? "::text" : "") + " AS " + c + suffix)
                .collect(Collectors.joining(", "));
    }

    /** The variant in the columns named with {@code suffix} ({@link #columns}); none when a join found none. */
    public static @Nullable Variant variant(ResultSet rs, String suffix) throws SQLException {
        String sku = rs.getString("sku" + suffix);
        if (sku == null) {
            return null;
        }
        Array categories = rs.getArray("categories" + suffix);
        return new Variant(sku, rs.getObject("product_id" + suffix, UUID.class), rs.getString("name" + suffix),
                Json.readMap(rs.getString("attributes" + suffix)), rs.getString("image_url" + suffix),
                rs.getString("tax_class" + suffix),
                categories == null ? List.of() : Arrays.asList((String[]) categories.getArray()),
                rs.getBoolean("personalisable" + suffix),
                new Money(rs.getLong("price_minor" + suffix), Currency.getInstance(rs.getString("currency" + suffix))),
                rs.getLong("weight_grams" + suffix), rs.getObject("available" + suffix, Long.class),
                rs.getBoolean("retired" + suffix));
    }

    private static Variant map(ResultSet rs) throws SQLException {
        return Objects.requireNonNull(variant(rs, ""));
    }
}
