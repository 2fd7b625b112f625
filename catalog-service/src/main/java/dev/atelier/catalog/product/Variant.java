package dev.atelier.catalog.product;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A SKU of a product: its attributes, an optional price of its own, its weight and part number or barcode. */
@Entity
@Table(name = "variant")
public class Variant {

    @Id
    private UUID id;

    private String sku;

    private int position;

    @Column(name = "price_amount")
    private @Nullable Long priceAmount;

    @Column(name = "weight_grams")
    private long weightGrams;

    @Column(name = "part_number")
    private @Nullable String partNumber;

    private @Nullable String barcode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "variant_attribute", joinColumns = @JoinColumn(name = "variant_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "value")
    private Map<String, String> attributes = new TreeMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "bundle_component", joinColumns = @JoinColumn(name = "variant_id"))
    @OrderColumn(name = "position")
    private List<Component> components = new ArrayList<>();

    protected Variant() {
        this.id = new UUID(0, 0);
        this.sku = "";
    }

    Variant(String sku) {
        this.id = UUID.randomUUID();
        this.sku = sku;
    }

    void describe(int position, Map<String, String> attributes, @Nullable Long priceAmount, long weightGrams,
            @Nullable String partNumber, @Nullable String barcode, List<Component> components) {
        this.position = position;
        this.attributes.clear();
        this.attributes.putAll(attributes);
        this.priceAmount = priceAmount;
        this.weightGrams = weightGrams;
        this.partNumber = partNumber;
        this.barcode = barcode;
        if (!this.components.equals(components)) {
            this.components.clear();
            this.components.addAll(components);
        }
    }

    public UUID id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public int position() {
        return position;
    }

    /** The variant's own price in the product's currency, or none when it sells at the product's price. */
    public @Nullable Long priceAmount() {
        return priceAmount;
    }

    public long weightGrams() {
        return weightGrams;
    }

    public @Nullable String partNumber() {
        return partNumber;
    }

    public @Nullable String barcode() {
        return barcode;
    }

    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    public List<Component> components() {
        return List.copyOf(components);
    }

    public boolean isBundle() {
        return !components.isEmpty();
    }
}
