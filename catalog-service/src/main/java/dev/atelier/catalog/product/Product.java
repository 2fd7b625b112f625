package dev.atelier.catalog.product;

import dev.atelier.catalog.audit.Audited;
import dev.atelier.events.DomainEvent;
import dev.atelier.events.Money;
import dev.atelier.events.catalog.BundleComponent;
import dev.atelier.events.catalog.BundleDefined;
import dev.atelier.events.catalog.PriceChanged;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.ProductRetired;
import dev.atelier.events.catalog.ProductUpdated;
import dev.atelier.events.catalog.SellableVariant;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product with its variants, personalisation options and gallery: the aggregate staff edit and shoppers buy
 * from. Every change of a product on sale registers the events that tell the other services about it, taken by
 * the caller into the outbox in the same transaction ({@link #takeEvents()}).
 */
@Entity
@Table(name = "product")
public class Product extends Audited {

    @Id
    private UUID id;

    private String slug;
    private String name;
    private String description;
    private @Nullable String brand;

    @Enumerated(EnumType.STRING)
    private ProductStatus status;

    @Enumerated(EnumType.STRING)
    private ProductKind kind;

    @Column(name = "seo_title")
    private @Nullable String seoTitle;

    @Column(name = "seo_description")
    private @Nullable String seoDescription;

    @Column(name = "price_amount")
    private long priceAmount;

    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "tax_class")
    private TaxClass taxClass;

    @Column(name = "category_id")
    private UUID categoryId;

    @Column(name = "published_at")
    private @Nullable Instant publishedAt;

    @Column(name = "archived_at")
    private @Nullable Instant archivedAt;

    @ElementCollection
    @CollectionTable(name = "product_occasion", joinColumns = @JoinColumn(name = "product_id"))
    @Column(name = "occasion_id")
    private Set<UUID> occasionIds = new HashSet<>();

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "product_id", nullable = false)
    @OrderBy("position")
    private List<Variant> variants = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "product_id", nullable = false)
    @OrderBy("position")
    private List<PersonalisationOption> options = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "product_image", joinColumns = @JoinColumn(name = "product_id"))
    @OrderColumn(name = "position")
    private List<ProductImage> images = new ArrayList<>();

    @Transient
    private List<DomainEvent> events = new ArrayList<>();

    protected Product() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.description = "";
        this.status = ProductStatus.DRAFT;
        this.kind = ProductKind.STANDARD;
        this.currency = "GBP";
        this.taxClass = TaxClass.STANDARD;
        this.categoryId = new UUID(0, 0);
    }

    Product(ProductContent content, String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.status = ProductStatus.DRAFT;
        this.slug = content.slug();
        this.name = content.name();
        this.description = content.description();
        this.kind = ProductKind.STANDARD;
        this.currency = content.price().currency().getCurrencyCode();
        this.taxClass = content.taxClass();
        this.categoryId = content.categoryId();
        apply(content);
    }

    /**
     * Replaces the editable content. On a product on sale this tells the others: ProductUpdated with the variants
     * as they are now, PriceChanged for each SKU whose price moved, BundleDefined for each bundle whose components
     * changed.
     */
    void revise(ProductContent content, List<String> categoryTrail, String actor, Instant now) {
        if (status == ProductStatus.ARCHIVED) {
            throw new IllegalStateException("product " + slug + " is archived and can no longer be edited");
        }
        if (!content.price().currency().getCurrencyCode().equals(currency) && status != ProductStatus.DRAFT) {
            throw new IllegalArgumentException("the currency of a published product cannot change");
        }
        Map<String, Money> pricesBefore = prices();
        Map<String, List<Component>> bundlesBefore = bundles();
        apply(content);
        touch(actor, now);
        if (status == ProductStatus.ACTIVE) {
            events.add(new ProductUpdated(id, slug, name, sellableVariants(), now, imageUrl(), taxClass.name(),
                    categoryTrail, !options.isEmpty()));
            prices().forEach((sku, price) -> {
                Money before = pricesBefore.get(sku);
                if (before != null && !before.equals(price)) {
                    events.add(new PriceChanged(id, sku, before, price, now));
                }
            });
            bundles().forEach((sku, components) -> {
                if (!components.equals(bundlesBefore.get(sku))) {
                    events.add(bundleDefined(sku, components, now));
                }
            });
        }
    }

    /** Puts the product on sale: its SKUs become sellable everywhere. */
    void publish(List<String> categoryTrail, String actor, Instant now) {
        if (status == ProductStatus.ACTIVE) {
            throw new IllegalStateException("product " + slug + " is already on sale");
        }
        if (status == ProductStatus.ARCHIVED) {
            throw new IllegalStateException("product " + slug + " is archived; create a new product to sell it again");
        }
        status = ProductStatus.ACTIVE;
        publishedAt = now;
        touch(actor, now);
        events.add(new ProductPublished(id, slug, name, sellableVariants(), now, imageUrl(), taxClass.name(),
                categoryTrail, !options.isEmpty()));
        bundles().forEach((sku, components) -> events.add(bundleDefined(sku, components, now)));
    }

    /** Takes the product off sale for good. */
    void archive(String actor, Instant now) {
        if (status == ProductStatus.ARCHIVED) {
            throw new IllegalStateException("product " + slug + " is already archived");
        }
        boolean wasOnSale = status == ProductStatus.ACTIVE;
        status = ProductStatus.ARCHIVED;
        archivedAt = now;
        touch(actor, now);
        if (wasOnSale) {
            events.add(new ProductRetired(id, slug, variants.stream().map(Variant::sku).toList(), now));
        }
    }

    /** The events registered since the last call, for the outbox. */
    List<DomainEvent> takeEvents() {
        List<DomainEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    private void apply(ProductContent content) {
        this.slug = content.slug();
        this.name = content.name();
        this.description = content.description();
        this.brand = content.brand();
        this.seoTitle = content.seoTitle();
        this.seoDescription = content.seoDescription();
        this.priceAmount = content.price().minor();
        this.currency = content.price().currency().getCurrencyCode();
        this.taxClass = content.taxClass();
        this.categoryId = content.categoryId();
        this.occasionIds.clear();
        this.occasionIds.addAll(content.occasionIds());
        reviseVariants(content.variants());
        this.kind = variants.stream().anyMatch(Variant::isBundle) ? ProductKind.BUNDLE : ProductKind.STANDARD;
        reviseOptions(content.options());
        if (!images.equals(content.images())) {
            images.clear();
            images.addAll(content.images());
        }
    }

    // variants are matched by SKU so that a SKU keeps its row (and id) across edits
    private void reviseVariants(List<ProductContent.VariantContent> revised) {
        Map<String, Variant> existing = new LinkedHashMap<>();
        variants.forEach(v -> existing.put(v.sku(), v));
        List<Variant> next = new ArrayList<>();
        int position = 0;
        for (ProductContent.VariantContent content : revised) {
            Variant variant = existing.containsKey(content.sku()) ? existing.get(content.sku()) : new Variant(content.sku());
            variant.describe(position++, content.attributes(), content.priceAmount(), content.weightGrams(),
                    content.partNumber(), content.barcode(), content.components());
            next.add(variant);
        }
        variants.removeIf(v -> next.stream().noneMatch(n -> n.sku().equals(v.sku())));
        for (Variant variant : next) {
            if (!variants.contains(variant)) {
                variants.add(variant);
            }
        }
        variants.sort(java.util.Comparator.comparingInt(Variant::position));
    }

    // options are matched by key: the key is unique per product, and a delete would be flushed after the insert
    private void reviseOptions(List<ProductContent.Option> revised) {
        Map<String, PersonalisationOption> existing = new LinkedHashMap<>();
        options.forEach(o -> existing.put(o.key(), o));
        List<PersonalisationOption> next = new ArrayList<>();
        int position = 0;
        for (ProductContent.Option content : revised) {
            PersonalisationOption option = existing.containsKey(content.key()) ? existing.get(content.key())
                    : new PersonalisationOption(content.key());
            option.describe(position++, content.label(), content.type(), content.required(), content.priceModifier(),
                    content.rules());
            next.add(option);
        }
        options.removeIf(o -> !next.contains(o));
        next.stream().filter(o -> !options.contains(o)).forEach(options::add);
        options.sort(java.util.Comparator.comparingInt(PersonalisationOption::position));
    }

    private Map<String, Money> prices() {
        Map<String, Money> prices = new LinkedHashMap<>();
        variants.forEach(v -> prices.put(v.sku(), priceOf(v)));
        return prices;
    }

    private Map<String, List<Component>> bundles() {
        Map<String, List<Component>> bundles = new LinkedHashMap<>();
        variants.stream().filter(Variant::isBundle).forEach(v -> bundles.put(v.sku(), v.components()));
        return bundles;
    }

    private BundleDefined bundleDefined(String sku, List<Component> components, Instant now) {
        return new BundleDefined(id, sku, components.stream().map(c -> new BundleComponent(c.sku(), c.quantity()))
                .toList(), now);
    }

    /** Where the primary image is served, for the other services' snapshots; none without a gallery. */
    public @Nullable String imageUrl() {
        return images.stream().filter(ProductImage::primary).findFirst()
                .map(image -> "/api/catalog/media/" + image.mediaRef()).orElse(null);
    }

    /** The variants as the other services see them: SKU, price, weight, attributes. */
    public List<SellableVariant> sellableVariants() {
        return variants.stream().map(v -> new SellableVariant(v.sku(), priceOf(v), v.weightGrams(), v.attributes(),
                v.partNumber(), v.isBundle())).toList();
    }

    /** What one unit of the variant costs, VAT included, before personalisation. */
    public Money priceOf(Variant variant) {
        return new Money(variant.priceAmount() == null ? priceAmount : variant.priceAmount(), Currency.getInstance(currency));
    }

    public UUID id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public @Nullable String brand() {
        return brand;
    }

    public ProductStatus status() {
        return status;
    }

    public ProductKind kind() {
        return kind;
    }

    public @Nullable String seoTitle() {
        return seoTitle;
    }

    public @Nullable String seoDescription() {
        return seoDescription;
    }

    public Money price() {
        return new Money(priceAmount, Currency.getInstance(currency));
    }

    public TaxClass taxClass() {
        return taxClass;
    }

    public UUID categoryId() {
        return categoryId;
    }

    public Set<UUID> occasionIds() {
        return Set.copyOf(occasionIds);
    }

    public @Nullable Instant publishedAt() {
        return publishedAt;
    }

    public @Nullable Instant archivedAt() {
        return archivedAt;
    }

    public List<Variant> variants() {
        return List.copyOf(variants);
    }

    public List<PersonalisationOption> options() {
        return List.copyOf(options);
    }

    public List<ProductImage> images() {
        return List.copyOf(images);
    }

    public @Nullable Variant variant(String sku) {
        return variants.stream().filter(v -> Objects.equals(v.sku(), sku)).findFirst().orElse(null);
    }
}
