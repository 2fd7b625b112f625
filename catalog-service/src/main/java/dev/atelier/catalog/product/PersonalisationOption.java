package dev.atelier.catalog.product;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something the shopper gives to personalise the product (a name, a font, a photo) with its price and its
 * constraints. {@code allowedValues} holds the fonts of a FONT option, the colours of a COLOUR option and the
 * choices of a DROPDOWN.
 */
@Entity
@Table(name = "personalisation_option")
public class PersonalisationOption {

    @Id
    private UUID id;

    private int position;

    @Column(name = "option_key")
    private String key;

    private String label;

    @Enumerated(EnumType.STRING)
    private OptionType type;

    private boolean required;

    @Column(name = "price_modifier")
    private long priceModifier;

    @Column(name = "max_length")
    private @Nullable Integer maxLength;

    private @Nullable String pattern;

    @Column(name = "max_file_size")
    private @Nullable Long maxFileSize;

    @Column(name = "aspect_ratio")
    private @Nullable String aspectRatio;

    @Column(name = "min_width")
    private @Nullable Integer minWidth;

    @Column(name = "min_height")
    private @Nullable Integer minHeight;

    @Column(name = "print_x")
    private @Nullable Integer printX;

    @Column(name = "print_y")
    private @Nullable Integer printY;

    @Column(name = "print_width")
    private @Nullable Integer printWidth;

    @Column(name = "print_height")
    private @Nullable Integer printHeight;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "option_allowed_value", joinColumns = @JoinColumn(name = "option_id"))
    @OrderColumn(name = "position")
    @Column(name = "value")
    private List<String> allowedValues = new ArrayList<>();

    protected PersonalisationOption() {
        this.id = new UUID(0, 0);
        this.key = "";
        this.label = "";
        this.type = OptionType.TEXT;
    }

    PersonalisationOption(String key) {
        this.id = UUID.randomUUID();
        this.key = key;
        this.label = key;
        this.type = OptionType.TEXT;
    }

    void describe(int position, String label, OptionType type, boolean required, long priceModifier,
            OptionRules rules) {
        this.position = position;
        this.label = label;
        this.type = type;
        this.required = required;
        this.priceModifier = priceModifier;
        this.maxLength = rules.maxLength();
        this.pattern = rules.pattern();
        this.maxFileSize = rules.maxFileSize();
        this.aspectRatio = rules.aspectRatio();
        this.minWidth = rules.minWidth();
        this.minHeight = rules.minHeight();
        PrintArea area = rules.printArea();
        this.printX = area == null ? null : area.x();
        this.printY = area == null ? null : area.y();
        this.printWidth = area == null ? null : area.width();
        this.printHeight = area == null ? null : area.height();
        if (!this.allowedValues.equals(rules.allowedValues())) {
            this.allowedValues.clear();
            this.allowedValues.addAll(rules.allowedValues());
        }
    }

    public UUID id() {
        return id;
    }

    public int position() {
        return position;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public OptionType type() {
        return type;
    }

    public boolean required() {
        return required;
    }

    /** What the option adds to the unit price when the shopper uses it, in the product's currency. */
    public long priceModifier() {
        return priceModifier;
    }

    public OptionRules rules() {
        PrintArea area = printX == null || printY == null || printWidth == null || printHeight == null ? null
                : new PrintArea(printX, printY, printWidth, printHeight);
        return new OptionRules(maxLength, pattern, List.copyOf(allowedValues), maxFileSize, aspectRatio, minWidth,
                minHeight, area);
    }
}
