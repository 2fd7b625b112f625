package dev.atelier.catalog.feed;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Google Merchant Center feed: RSS 2.0 with the {@code g:} namespace, one item per sellable variant of every
 * product on sale (variants of one product share {@code g:item_group_id}), written as the rows stream from the
 * database. Availability is what inventory last reported; the condition comes from the variant's {@code condition}
 * attribute (refurbished or used when it says so, new otherwise).
 */
@Service
public class MerchantFeed {

    static final String G = "http://base.google.com/ns/1.0";

    private final JdbcClient jdbc;
    private final StorefrontProperties storefront;

    MerchantFeed(JdbcClient jdbc, StorefrontProperties storefront) {
        this.jdbc = jdbc;
        this.storefront = storefront;
    }

    private record Item(String productId, String slug, String name, String description, @Nullable String brand,
            String sku, long price, String currency, @Nullable String partNumber, @Nullable String barcode,
            @Nullable String condition, @Nullable String attributes, @Nullable String image, boolean inStock) {
    }

    @Transactional(readOnly = true)
    public void write(OutputStream out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("g", G);
            xml.writeStartElement("channel");
            element(xml, null, "title", storefront.name());
            element(xml, null, "link", storefront.baseUrl().toString());
            element(xml, null, "description", storefront.name() + " products");
            try (java.util.stream.Stream<Item> items = jdbc.sql("""
                    SELECT p.id, p.slug, p.name, p.description, p.brand, v.sku,
                           coalesce(v.price_amount, p.price_amount) AS price, p.currency, v.part_number, v.barcode,
                           (SELECT a.value FROM variant_attribute a WHERE a.variant_id = v.id AND a.name = 'condition')
                               AS condition,
                           (SELECT string_agg(a.value, ', ' ORDER BY a.name) FROM variant_attribute a
                             WHERE a.variant_id = v.id AND a.name <> 'condition') AS attributes,
                           (SELECT i.media_ref FROM product_image i WHERE i.product_id = p.id AND i.is_primary) AS image,
                           CASE WHEN EXISTS (SELECT 1 FROM bundle_component b WHERE b.variant_id = v.id)
                                THEN NOT EXISTS (SELECT 1 FROM bundle_component b
                                                   LEFT JOIN stock_level s ON s.sku = b.component_sku
                                                  WHERE b.variant_id = v.id AND coalesce(s.available, 0) < b.quantity)
                                ELSE coalesce((SELECT s.available > 0 FROM stock_level s WHERE s.sku = v.sku), false)
                           END AS in_stock
                      FROM product p JOIN variant v ON v.product_id = p.id
                     WHERE p.status = 'ACTIVE'
                     ORDER BY p.slug, v.position""")
                    .query((rs, n) -> new Item(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                            rs.getString("description"), rs.getString("brand"), rs.getString("sku"), rs.getLong("price"),
                            rs.getString("currency"), rs.getString("part_number"), rs.getString("barcode"),
                            rs.getString("condition"), rs.getString("attributes"), rs.getString("image"),
                            rs.getBoolean("in_stock")))
                    .stream()) {
                items.forEach(item -> item(xml, item));
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the merchant feed", e);
        }
    }

    private void item(XMLStreamWriter xml, Item item) {
        try {
            xml.writeStartElement("item");
            element(xml, G, "id", item.sku());
            element(xml, G, "item_group_id", item.productId());
            element(xml, G, "title", item.attributes() == null ? item.name() : item.name() + " - " + item.attributes());
            element(xml, G, "description", item.description().isBlank() ? item.name() : item.description());
            element(xml, G, "link", storefront.baseUrl().resolve("/products/" + item.slug()).toString());
            if (item.image() != null) {
                element(xml, G, "image_link",
                        storefront.baseUrl().resolve("/api/catalog/media/" + item.image() + "/800").toString());
            }
            element(xml, G, "price", price(item.price(), item.currency()));
            element(xml, G, "availability", item.inStock() ? "in_stock" : "out_of_stock");
            element(xml, G, "condition", condition(item.condition()));
            if (item.brand() != null) {
                element(xml, G, "brand", item.brand());
            }
            if (item.barcode() != null) {
                element(xml, G, "gtin", item.barcode());
            }
            if (item.partNumber() != null) {
                element(xml, G, "mpn", item.partNumber());
            }
            if (item.barcode() == null && item.partNumber() == null) {
                element(xml, G, "identifier_exists", "no");
            }
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed item of " + item.sku(), e);
        }
    }

    static String price(long minor, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return BigDecimal.valueOf(minor, Math.max(digits, 0)).toPlainString() + " " + currency;
    }

    static String condition(@Nullable String attribute) {
        if (attribute == null) {
            return "new";
        }
        String value = attribute.toLowerCase(Locale.ROOT);
        return value.contains("refurb") ? "refurbished" : value.contains("used") ? "used" : "new";
    }

    private static void element(XMLStreamWriter xml, @Nullable String namespace, String name, String text)
            throws XMLStreamException {
        if (namespace == null) {
            xml.writeStartElement(name);
        } else {
            xml.writeStartElement("g", name, namespace);
        }
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
