package dev.atelier.customer.wishlist;

import dev.atelier.events.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's wishlist: SKUs they may buy later, shown with today's price from the catalog copy (and the price when
 * added). Only a SKU catalog sells can be added; one that stops being sold stays, flagged, until removed.
 */
@Service
public class Wishlists {

    public static final int MAX_ITEMS = 100;

    private final JdbcClient jdbc;
    private final CatalogVariants variants;
    private final Clock clock;

    Wishlists(JdbcClient jdbc, CatalogVariants variants, Clock clock) {
        this.jdbc = jdbc;
        this.variants = variants;
        this.clock = clock;
    }

    /** One wished-for SKU with its product, today's price and whether it can still be bought. */
    public record Item(String sku, UUID productId, String slug, String name, Map<String, String> attributes,
            @Nullable String imageUrl, Money price, Money priceWhenAdded, boolean available, Instant addedAt) {
    }

    /** The outcome of adding a SKU. */
    public enum Added { ADDED, ALREADY_THERE, UNKNOWN_SKU, NOT_SOLD, FULL }

    public record AddResult(Added outcome, Optional<Item> item) {
    }

    public List<Item> of(UUID customerId) {
        return items(customerId, null);
    }

    @Transactional
    public AddResult add(UUID customerId, String sku) {
        Optional<CatalogVariants.Variant> variant = variants.bySku(sku);
        if (variant.isEmpty()) {
            return new AddResult(Added.UNKNOWN_SKU, Optional.empty());
        }
        // the account row's lock makes the count and the insert one step: two adds cannot pass the limit together
        jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(UUID.class).single();
        Optional<Item> there = find(customerId, sku);
        if (there.isPresent()) {
            return new AddResult(Added.ALREADY_THERE, there);
        }
        if (variant.get().retired()) {
            return new AddResult(Added.NOT_SOLD, Optional.empty());
        }
        if (jdbc.sql("SELECT count(*) FROM wishlist_item WHERE customer_id = ?").param(customerId)
                .query(Integer.class).single() >= MAX_ITEMS) {
            return new AddResult(Added.FULL, Optional.empty());
        }
        Money price = variant.get().price();
        jdbc.sql("INSERT INTO wishlist_item (customer_id, sku, added_price_minor, added_currency, added_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(customerId, sku, price.minor(), price.currency().getCurrencyCode(),
                        clock.instant().atOffset(ZoneOffset.UTC)).update();
        return new AddResult(Added.ADDED, find(customerId, sku));
    }

    public boolean remove(UUID customerId, String sku) {
        return jdbc.sql("DELETE FROM wishlist_item WHERE customer_id = ? AND sku = ?").params(customerId, sku)
                .update() == 1;
    }

    /** Forgets the customer's wishlist (erasure). */
    public void forget(UUID customerId) {
        jdbc.sql("DELETE FROM wishlist_item WHERE customer_id = ?").param(customerId).update();
    }

    private Optional<Item> find(UUID customerId, String sku) {
        return items(customerId, sku).stream().findFirst();
    }

    private List<Item> items(UUID customerId, @Nullable String sku) {
        return jdbc.sql("""
                SELECT w.sku, v.product_id, v.slug, v.name, v.attributes::text, v.image_url, v.price_minor, v.currency,
                       w.added_price_minor, w.added_currency, v.retired, w.added_at
                FROM wishlist_item w JOIN catalog_variant v ON v.sku = w.sku
                WHERE w.customer_id = ? AND (CAST(? AS text) IS NULL OR w.sku = ?)
                ORDER BY w.added_at DESC, w.sku
                """).params(customerId, sku, sku).query((rs, n) -> new Item(rs.getString(1),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        variants.attributes(rs.getString(5)), rs.getString(6), Money.of(rs.getLong(7), rs.getString(8)),
                        Money.of(rs.getLong(9), rs.getString(10)), !rs.getBoolean(11),
                        rs.getObject(12, OffsetDateTime.class).toInstant()))
                .list();
    }
}
