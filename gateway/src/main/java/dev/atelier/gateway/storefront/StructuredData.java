package dev.atelier.gateway.storefront;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schema.org JSON-LD for search engines, built from the same answers the pages render: a product with its offers
 * (one per variant, in stock or not) and its rating when it has reviews, the breadcrumb trail, and the store as an
 * organisation. Written safely into a {@code <script type="application/ld+json">}: no {@code </} can close it.
 */
final class StructuredData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StructuredData() {
    }

    static String product(Map<String, Object> product, String publicUrl) {
        String url = publicUrl + "/products/" + product.get("slug");
        Map<String, Object> ld = new LinkedHashMap<>();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "Product");
        ld.put("name", product.get("name"));
        ld.put("description", product.get("description"));
        ld.put("url", url);
        List<String> images = new ArrayList<>();
        for (Map<String, Object> image : maps(product.get("images"))) {
            images.add(absolute(String.valueOf(image.get("url")), publicUrl));
        }
        if (!images.isEmpty()) {
            ld.put("image", images);
        }
        ld.put("brand", Map.of("@type", "Brand", "name", product.get("brand") != null ? product.get("brand") : "Atelier"));
        List<Map<String, Object>> variants = maps(product.get("variants"));
        if (!variants.isEmpty()) {
            ld.put("sku", variants.getFirst().get("sku"));
        }
        List<Map<String, Object>> offers = new ArrayList<>();
        for (Map<String, Object> variant : variants) {
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("@type", "Offer");
            offer.put("sku", variant.get("sku"));
            offer.put("url", url);
            putPrice(offer, variant.get("price"));
            offer.put("availability", Boolean.TRUE.equals(variant.get("inStock"))
                    ? "https://schema.org/InStock" : "https://schema.org/OutOfStock");
            offer.put("itemCondition", "https://schema.org/NewCondition");
            offers.add(offer);
        }
        if (!offers.isEmpty()) {
            ld.put("offers", offers);
        }
        Object rating = product.get("rating");
        if (rating instanceof Map<?, ?> r && r.get("count") instanceof Number count && count.longValue() > 0) {
            ld.put("aggregateRating", Map.of("@type", "AggregateRating", "ratingValue", r.get("average"),
                    "reviewCount", count, "bestRating", 5, "worstRating", 1));
        }
        return write(ld);
    }

    static String breadcrumbs(List<Map.Entry<String, String>> trail, String publicUrl) {
        List<Map<String, Object>> items = new ArrayList<>();
        int position = 1;
        for (Map.Entry<String, String> crumb : trail) {
            items.add(Map.of("@type", "ListItem", "position", position++, "name", crumb.getKey(),
                    "item", publicUrl + crumb.getValue()));
        }
        return write(Map.of("@context", "https://schema.org", "@type", "BreadcrumbList", "itemListElement", items));
    }

    /** A blog post as a BlogPosting: headline, dates, author, image, the store as publisher. */
    static String article(Map<String, Object> post, String url, @Nullable String image, String publicUrl) {
        Map<String, Object> ld = new LinkedHashMap<>();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "BlogPosting");
        ld.put("headline", post.get("title"));
        if (post.get("summary") != null) {
            ld.put("description", post.get("summary"));
        }
        ld.put("url", url);
        ld.put("mainEntityOfPage", url);
        if (image != null) {
            ld.put("image", image);
        }
        if (post.get("publishedAt") != null) {
            ld.put("datePublished", post.get("publishedAt"));
        }
        if (post.get("updatedAt") != null) {
            ld.put("dateModified", post.get("updatedAt"));
        }
        if (post.get("author") instanceof Map<?, ?> author && author.get("name") != null) {
            ld.put("author", Map.of("@type", "Person", "name", author.get("name")));
        }
        ld.put("publisher", Map.of("@type", "Organization", "name", "Atelier", "url", publicUrl + "/"));
        return write(ld);
    }

    static String organisation(String publicUrl) {
        return write(Map.of("@context", "https://schema.org", "@type", "Organization", "name", "Atelier",
                "url", publicUrl + "/"));
    }

    private static void putPrice(Map<String, Object> offer, @Nullable Object money) {
        if (money instanceof Map<?, ?> price && price.get("amount") instanceof Number amount) {
            Currency currency = Currency.getInstance(String.valueOf(price.get("currency")));
            offer.put("price", BigDecimal.valueOf(amount.longValue(), currency.getDefaultFractionDigits())
                    .toPlainString());
            offer.put("priceCurrency", currency.getCurrencyCode());
        }
    }

    private static String absolute(String url, String publicUrl) {
        return url.startsWith("http://") || url.startsWith("https://") ? url : publicUrl + url;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(@Nullable Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static String write(Object value) {
        return JSON.writeValueAsString(value).replace("</", "<\\/");
    }
}
