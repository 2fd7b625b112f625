package dev.atelier.catalog.product;

import dev.atelier.catalog.category.Categories;
import dev.atelier.catalog.category.Category;
import dev.atelier.catalog.occasion.Occasion;
import dev.atelier.catalog.occasion.Occasions;
import dev.atelier.events.Money;
import dev.atelier.messaging.outbox.Outbox;
import dev.atelier.web.ProblemException;
import dev.atelier.web.FieldProblem;
import jakarta.persistence.EntityManager;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do to products: create a draft, edit it, publish it, archive it. Each change is one transaction with
 * its audit columns, its search document and its events in the outbox.
 */
@Service
public class Catalogue {

    private final Products products;
    private final Categories categories;
    private final Occasions occasions;
    private final SearchIndex searchIndex;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    Catalogue(Products products, Categories categories, Occasions occasions, SearchIndex searchIndex, Outbox outbox,
            EntityManager entityManager, Clock clock) {
        this.products = products;
        this.categories = categories;
        this.occasions = occasions;
        this.searchIndex = searchIndex;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public Product create(ProductDraft draft, String actor) {
        ProductContent content = resolve(draft, null);
        Product product = new Product(content, actor, clock.instant());
        products.save(product);
        return saved(product);
    }

    /**
     * Replaces the product's content; with {@code expectedVersion} (the {@code If-Match} of the edit) only if nobody
     * changed it since that version was read, so that two admins never silently overwrite each other.
     */
    @Transactional
    public Product revise(UUID productId, ProductDraft draft, String actor, @Nullable Long expectedVersion) {
        Product product = get(productId);
        if (expectedVersion != null && product.version() != expectedVersion) {
            throw new ProblemException(org.springframework.http.HttpStatus.PRECONDITION_FAILED, "stale-version",
                    "Changed since you read it", "product " + product.slug() + " is at version " + product.version()
                            + ", not " + expectedVersion + "; read it again and reapply your change")
                    .with("currentVersion", product.version());
        }
        ProductContent content = resolve(draft, product);
        guarded(() -> product.revise(content, categoryTrail(content.categoryId()), actor, clock.instant()));
        return saved(product);
    }

    @Transactional
    public Product publish(UUID productId, String actor) {
        Product product = get(productId);
        List<String> components = product.variants().stream().flatMap(v -> v.components().stream())
                .map(Component::sku).distinct().toList();
        if (!components.isEmpty()) {
            Set<String> onSale = new HashSet<>(products.stockedSkus(components));
            List<String> notOnSale = components.stream().filter(sku -> !onSale.contains(sku)
                    || products.findBySku(sku).map(p -> p.status() != ProductStatus.ACTIVE).orElse(true)).toList();
            if (!notOnSale.isEmpty()) {
                throw ProblemException.conflict("components-not-on-sale", "publish the products of "
                        + String.join(", ", notOnSale) + " first: a bundle sells only components on sale");
            }
        }
        guarded(() -> product.publish(categoryTrail(product.categoryId()), actor, clock.instant()));
        return saved(product);
    }

    @Transactional
    public Product archive(UUID productId, String actor) {
        Product product = get(productId);
        guarded(() -> product.archive(actor, clock.instant()));
        return saved(product);
    }

    @Transactional(readOnly = true)
    public <T> T read(UUID productId, java.util.function.Function<Product, T> view) {
        return view.apply(get(productId));
    }

    @Transactional(readOnly = true)
    public <T> java.util.Optional<T> readBySlug(String slug, java.util.function.Function<Product, T> view) {
        return products.findBySlug(slug).map(view);
    }

    /** Products by id after {@code after}, optionally of one status, mapped inside the transaction. */
    @Transactional(readOnly = true)
    public <T> List<T> page(@Nullable ProductStatus status, @Nullable UUID after, int limit,
            java.util.function.Function<Product, T> view) {
        UUID from = after == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : after;
        List<Product> page = status == null ? products.findByIdGreaterThanOrderByIdAsc(from, Limit.of(limit))
                : products.findByStatusAndIdGreaterThanOrderByIdAsc(status, from, Limit.of(limit));
        return page.stream().map(view).toList();
    }

    private Product get(UUID productId) {
        return products.findById(productId).orElseThrow(() -> ProblemException.notFound("unknown-product",
                "no product with id " + productId));
    }

    /** The slugs of the category and its ancestors, root first, as the events tell them. */
    private List<String> categoryTrail(UUID categoryId) {
        return categories.findById(categoryId).map(c -> List.of(c.path().substring(1).split("/"))).orElse(List.of());
    }

    private Product saved(Product product) {
        entityManager.flush();
        searchIndex.refresh(product.id());
        product.takeEvents().forEach(outbox::record);
        return product;
    }

    private static void guarded(Runnable change) {
        try {
            change.run();
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("product-state", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-request", e.getMessage());
        }
    }

    /** Checks what bean validation cannot (references, uniqueness, coherence) and resolves slugs to ids. */
    private ProductContent resolve(ProductDraft draft, @Nullable Product existing) {
        List<FieldProblem> problems = new ArrayList<>();
        String slug = draft.slug() != null ? draft.slug() : existing != null ? existing.slug() : slugOf(draft.name());
        products.findBySlug(slug).filter(other -> existing == null || !other.id().equals(existing.id()))
                .ifPresent(other -> problems.add(new FieldProblem("slug", "'" + slug + "' is taken by another product")));
        Category category = categories.findBySlug(draft.category()).orElse(null);
        if (category == null) {
            problems.add(new FieldProblem("category", "no category with slug '" + draft.category() + "'"));
        }
        List<String> occasionSlugs = draft.occasions() == null ? List.of() : draft.occasions();
        List<Occasion> found = occasions.findBySlugIn(occasionSlugs);
        Set<String> foundSlugs = found.stream().map(Occasion::slug).collect(Collectors.toSet());
        occasionSlugs.stream().filter(s -> !foundSlugs.contains(s)).forEach(s ->
                problems.add(new FieldProblem("occasions", "no occasion with slug '" + s + "'")));

        Money price = draft.price();
        if (price.minor() < 0) {
            problems.add(new FieldProblem("price.amount", "must not be negative"));
        }
        List<ProductContent.VariantContent> variants = variants(draft, price, existing, problems);
        List<ProductContent.Option> options = options(draft, price, problems);
        List<ProductImage> images = images(draft);
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems);
        }
        return new ProductContent(slug, draft.name().strip(), draft.description() == null ? "" : draft.description().strip(),
                blankToNull(draft.brand()), price, draft.taxClass() == null ? TaxClass.STANDARD : draft.taxClass(),
                category.id(), found.stream().map(Occasion::id).collect(Collectors.toSet()),
                blankToNull(draft.seoTitle()), blankToNull(draft.seoDescription()), variants, options, images);
    }

    private List<ProductContent.VariantContent> variants(ProductDraft draft, Money price, @Nullable Product existing,
            List<FieldProblem> problems) {
        List<ProductContent.VariantContent> variants = new ArrayList<>();
        Set<String> skus = new LinkedHashSet<>();
        boolean anyBundle = false;
        boolean anyStocked = false;
        for (int i = 0; i < draft.variants().size(); i++) {
            ProductDraft.VariantDraft variant = draft.variants().get(i);
            String field = "variants[" + i + "]";
            if (!skus.add(variant.sku())) {
                problems.add(new FieldProblem(field + ".sku", variant.sku() + " appears twice"));
            }
            Long own = null;
            if (variant.price() != null) {
                if (!variant.price().currency().equals(price.currency())) {
                    problems.add(new FieldProblem(field + ".price.currency", "must be the product's currency, "
                            + price.currency().getCurrencyCode()));
                } else if (variant.price().minor() < 0) {
                    problems.add(new FieldProblem(field + ".price.amount", "must not be negative"));
                } else {
                    own = variant.price().minor();
                }
            }
            List<Component> components = variant.components() == null ? List.of() : variant.components().stream()
                    .map(c -> new Component(c.sku(), c.quantity())).toList();
            if (components.isEmpty()) {
                anyStocked = true;
            } else {
                anyBundle = true;
                Set<String> componentSkus = components.stream().map(Component::sku).collect(Collectors.toSet());
                if (componentSkus.size() != components.size()) {
                    problems.add(new FieldProblem(field + ".components", "a component appears twice"));
                }
                if (componentSkus.contains(variant.sku())) {
                    problems.add(new FieldProblem(field + ".components", "a bundle cannot contain itself"));
                }
                Set<String> stocked = new HashSet<>(products.stockedSkus(componentSkus));
                componentSkus.stream().filter(sku -> !stocked.contains(sku)).sorted().forEach(sku -> problems.add(
                        new FieldProblem(field + ".components", sku + " is not a stocked SKU of this catalogue")));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (variant.attributes() != null) {
                variant.attributes().forEach((name, value) -> {
                    if (name == null || name.isBlank() || value == null || value.isBlank()) {
                        problems.add(new FieldProblem(field + ".attributes", "names and values must not be blank"));
                    } else {
                        attributes.put(name.strip().toLowerCase(Locale.ROOT), value.strip());
                    }
                });
            }
            variants.add(new ProductContent.VariantContent(variant.sku(), attributes, own, variant.weightGrams(),
                    blankToNull(variant.partNumber()), blankToNull(variant.barcode()), components));
        }
        if (anyBundle && anyStocked) {
            problems.add(new FieldProblem("variants", "either every variant is a bundle (with components) or none is"));
        }
        if (!skus.isEmpty()) {
            UUID self = existing == null ? new UUID(0, 0) : existing.id();
            products.skusOfOtherProducts(skus, self).forEach(sku ->
                    problems.add(new FieldProblem("variants", sku + " is a SKU of another product")));
        }
        return variants;
    }

    private static List<ProductContent.Option> options(ProductDraft draft, Money price, List<FieldProblem> problems) {
        List<ProductContent.Option> options = new ArrayList<>();
        if (draft.personalisationOptions() == null) {
            return options;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < draft.personalisationOptions().size(); i++) {
            ProductDraft.OptionDraft option = draft.personalisationOptions().get(i);
            String field = "personalisationOptions[" + i + "]";
            if (!keys.add(option.key())) {
                problems.add(new FieldProblem(field + ".key", option.key() + " appears twice"));
            }
            long modifier = 0;
            if (option.priceModifier() != null) {
                if (!option.priceModifier().currency().equals(price.currency())) {
                    problems.add(new FieldProblem(field + ".priceModifier.currency", "must be the product's currency, "
                            + price.currency().getCurrencyCode()));
                } else if (option.priceModifier().minor() < 0) {
                    problems.add(new FieldProblem(field + ".priceModifier.amount", "must not be negative"));
                } else {
                    modifier = option.priceModifier().minor();
                }
            }
            options.add(new ProductContent.Option(option.key(), option.label().strip(), option.type(), option.required(),
                    modifier, rules(option, field, problems)));
        }
        return options;
    }

    private static OptionRules rules(ProductDraft.OptionDraft option, String field, List<FieldProblem> problems) {
        ProductDraft.ConstraintsDraft c = option.constraints() == null
                ? new ProductDraft.ConstraintsDraft(null, null, null, null, null, null, null, null, null, null)
                : option.constraints();
        List<String> allowed = switch (option.type()) {
            case FONT -> required(c.fonts(), field + ".constraints.fonts", "a FONT option lists its fonts", problems);
            case DROPDOWN -> required(c.choices(), field + ".constraints.choices", "a DROPDOWN option lists its choices",
                    problems);
            case COLOUR -> c.colours() == null ? List.of() : c.colours().stream().map(String::strip).toList();
            default -> List.of();
        };
        if (c.pattern() != null) {
            try {
                java.util.regex.Pattern.compile(c.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(new FieldProblem(field + ".constraints.pattern", "is not a regular expression: "
                        + e.getDescription()));
            }
        }
        boolean text = option.type() == OptionType.TEXT || option.type() == OptionType.TEXTAREA;
        boolean image = option.type() == OptionType.IMAGE;
        if (!text && (c.maxLength() != null || c.pattern() != null)) {
            problems.add(new FieldProblem(field + ".constraints", "maxLength and pattern apply to TEXT and TEXTAREA only"));
        }
        if (!image && (c.maxFileSize() != null || c.aspectRatio() != null || c.minWidth() != null || c.minHeight() != null)) {
            problems.add(new FieldProblem(field + ".constraints",
                    "maxFileSize, aspectRatio, minWidth and minHeight apply to IMAGE only"));
        }
        PrintArea area = null;
        if (c.printArea() != null) {
            ProductDraft.PrintAreaDraft draft = c.printArea();
            if (!text && !image) {
                problems.add(new FieldProblem(field + ".constraints.printArea",
                        "applies to IMAGE, TEXT and TEXTAREA only"));
            } else if (draft.x() + draft.width() > 100 || draft.y() + draft.height() > 100) {
                problems.add(new FieldProblem(field + ".constraints.printArea",
                        "must lie inside the picture: x + width and y + height at most 100 (per cent)"));
            } else {
                area = new PrintArea(draft.x(), draft.y(), draft.width(), draft.height());
            }
        }
        return new OptionRules(c.maxLength(), c.pattern(), allowed, c.maxFileSize(), c.aspectRatio(), c.minWidth(),
                c.minHeight(), area);
    }

    private static List<String> required(@Nullable List<String> values, String field, String message,
            List<FieldProblem> problems) {
        if (values == null || values.isEmpty()) {
            problems.add(new FieldProblem(field, message));
            return List.of();
        }
        return values.stream().map(String::strip).distinct().toList();
    }

    private static List<ProductImage> images(ProductDraft draft) {
        if (draft.images() == null || draft.images().isEmpty()) {
            return List.of();
        }
        int primary = 0;
        for (int i = 0; i < draft.images().size(); i++) {
            if (draft.images().get(i).primary()) {
                primary = i;
                break;
            }
        }
        List<ProductImage> images = new ArrayList<>();
        for (int i = 0; i < draft.images().size(); i++) {
            ProductDraft.ImageDraft image = draft.images().get(i);
            images.add(new ProductImage(image.mediaRef(), image.altText().strip(), i == primary));
        }
        return images;
    }

    static String slugOf(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "product" : slug.length() > 120 ? slug.substring(0, 120).replaceAll("-+$", "") : slug;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
