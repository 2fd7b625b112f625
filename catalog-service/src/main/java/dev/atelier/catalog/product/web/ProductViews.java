package dev.atelier.catalog.product.web;

import dev.atelier.catalog.category.Categories;
import dev.atelier.catalog.occasion.Occasions;
import dev.atelier.catalog.product.OptionRules;
import dev.atelier.catalog.product.OptionType;
import dev.atelier.catalog.product.PersonalisationOption;
import dev.atelier.catalog.product.Product;
import dev.atelier.catalog.product.ProductImage;
import dev.atelier.catalog.product.Variant;
import dev.atelier.catalog.review.MarketplaceReviews;
import dev.atelier.catalog.review.ProductReviews;
import dev.atelier.catalog.sales.Sales;
import dev.atelier.catalog.stock.StockLevels;
import dev.atelier.events.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Maps a product to what staff and shoppers read, inside the transaction that loaded it. */
@Component
class ProductViews {

    record Named(String slug, String name) {
    }

    record VariantView(String sku, Money price, Map<String, String> attributes, long weightGrams,
            @Nullable String partNumber, @Nullable String barcode, @Nullable List<ComponentView> components,
            @Nullable Long available, boolean inStock) {
    }

    record ComponentView(String sku, int quantity) {
    }

    record OptionView(String key, String label, OptionType type, boolean required, Money priceModifier,
            Map<String, Object> constraints) {
    }

    record ImageView(String mediaRef, String url, String altText, boolean primary) {
    }

    /** The storefront's product page. */
    record ProductDetail(UUID id, String slug, String name, String description, @Nullable String brand, Money price,
            String kind, Named category, List<Named> occasions, List<VariantView> variants, List<ImageView> images,
            List<OptionView> personalisationOptions, boolean personalisable, boolean inStock, Sales.Sold sold,
            ProductReviews.Rating rating, ProductReviews.Rating marketplaceRating, String seoTitle,
            String seoDescription) {
    }

    /** Staff's view: the same and the state, audit columns and tax class. */
    record AdminProduct(UUID id, String slug, String name, String description, @Nullable String brand, Money price,
            String status, String kind, String taxClass, Named category, List<Named> occasions,
            List<VariantView> variants, List<ImageView> images, List<OptionView> personalisationOptions,
            @Nullable String seoTitle, @Nullable String seoDescription, @Nullable Instant publishedAt,
            @Nullable Instant archivedAt, long version, Instant createdAt, String createdBy, Instant updatedAt,
            String updatedBy) {
    }

    private final Categories categories;
    private final Occasions occasions;
    private final StockLevels stock;
    private final Sales sales;
    private final ProductReviews reviews;
    private final MarketplaceReviews marketplaceReviews;

    ProductViews(Categories categories, Occasions occasions, StockLevels stock, Sales sales, ProductReviews reviews,
            MarketplaceReviews marketplaceReviews) {
        this.reviews = reviews;
        this.marketplaceReviews = marketplaceReviews;
        this.categories = categories;
        this.occasions = occasions;
        this.stock = stock;
        this.sales = sales;
    }

    ProductDetail detail(Product product) {
        List<VariantView> variants = variants(product, true);
        String description = product.description();
        return new ProductDetail(product.id(), product.slug(), product.name(), description, product.brand(),
                product.price(), product.kind().name(), category(product), occasions(product), variants,
                images(product), options(product), !product.options().isEmpty(),
                variants.stream().anyMatch(VariantView::inStock),
                sales.of(product.variants().stream().map(Variant::sku).toList()), reviews.rating(product.id()),
                marketplaceReviews.rating(product.id()),
                product.seoTitle() != null ? product.seoTitle() : product.name(),
                product.seoDescription() != null ? product.seoDescription()
                        : description.length() > 160 ? description.substring(0, 157) + "..." : description);
    }

    AdminProduct admin(Product product) {
        return new AdminProduct(product.id(), product.slug(), product.name(), product.description(), product.brand(),
                product.price(), product.status().name(), product.kind().name(), product.taxClass().name(),
                category(product), occasions(product), variants(product, false), images(product), options(product),
                product.seoTitle(), product.seoDescription(), product.publishedAt(), product.archivedAt(),
                product.version(), product.createdAt(), product.createdBy(), product.updatedAt(), product.updatedBy());
    }

    private Named category(Product product) {
        return categories.findById(product.categoryId()).map(c -> new Named(c.slug(), c.name()))
                .orElseThrow(() -> new IllegalStateException("category " + product.categoryId() + " vanished"));
    }

    private List<Named> occasions(Product product) {
        Set<UUID> ids = product.occasionIds();
        if (ids.isEmpty()) {
            return List.of();
        }
        // all of them (a handful) with a statement Hibernate translates once: findAllById's IN list is translated
        // again on every call, which the bench's profile showed as the largest share of a product page
        return occasions.findAllByOrderByNameAsc().stream().filter(o -> ids.contains(o.id()))
                .map(o -> new Named(o.slug(), o.name())).toList();
    }

    private List<VariantView> variants(Product product, boolean withStock) {
        List<Variant> variants = product.variants();
        Map<String, Long> available = withStock ? stockOf(variants) : Map.of();
        return variants.stream().map(v -> {
            Long left = withStock ? available.get(v.sku()) : null;
            List<ComponentView> components = v.isBundle()
                    ? v.components().stream().map(c -> new ComponentView(c.sku(), c.quantity())).toList() : null;
            return new VariantView(v.sku(), product.priceOf(v), v.attributes(), v.weightGrams(), v.partNumber(),
                    v.barcode(), components, left, left != null && left > 0);
        }).toList();
    }

    // a bundle is available as many times as its scarcest component allows
    private Map<String, Long> stockOf(List<Variant> variants) {
        List<String> skus = variants.stream().flatMap(v -> v.isBundle()
                ? v.components().stream().map(dev.atelier.catalog.product.Component::sku) : java.util.stream.Stream.of(v.sku()))
                .distinct().toList();
        Map<String, Long> levels = stock.available(skus);
        Map<String, Long> available = new LinkedHashMap<>();
        for (Variant v : variants) {
            if (v.isBundle()) {
                available.put(v.sku(), v.components().stream()
                        .mapToLong(c -> Math.max(0, levels.getOrDefault(c.sku(), 0L)) / c.quantity()).min().orElse(0));
            } else {
                available.put(v.sku(), Math.max(0, levels.getOrDefault(v.sku(), 0L)));
            }
        }
        return available;
    }

    private static List<ImageView> images(Product product) {
        return product.images().stream().map(ProductViews::image).toList();
    }

    static ImageView image(ProductImage image) {
        return new ImageView(image.mediaRef(), "/api/catalog/media/" + image.mediaRef(), image.altText(),
                image.primary());
    }

    private static List<OptionView> options(Product product) {
        return product.options().stream().map(o -> new OptionView(o.key(), o.label(), o.type(), o.required(),
                new Money(o.priceModifier(), product.price().currency()), constraints(o))).toList();
    }

    private static Map<String, Object> constraints(PersonalisationOption option) {
        OptionRules rules = option.rules();
        Map<String, Object> constraints = new LinkedHashMap<>();
        putIfSet(constraints, "maxLength", rules.maxLength());
        putIfSet(constraints, "pattern", rules.pattern());
        if (!rules.allowedValues().isEmpty()) {
            String name = switch (option.type()) {
                case FONT -> "fonts";
                case COLOUR -> "colours";
                default -> "choices";
            };
            constraints.put(name, rules.allowedValues());
        }
        putIfSet(constraints, "maxFileSize", rules.maxFileSize());
        putIfSet(constraints, "aspectRatio", rules.aspectRatio());
        putIfSet(constraints, "minWidth", rules.minWidth());
        putIfSet(constraints, "minHeight", rules.minHeight());
        putIfSet(constraints, "printArea", rules.printArea()); // {x, y, width, height}
        return constraints;
    }

    private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
