package dev.atelier.catalog.content;

import dev.atelier.catalog.audit.Audited;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The hero and featured products of a category's or an occasion's page. */
@Entity
@Table(name = "landing_page")
public class LandingPage extends Audited {

    @Id
    private UUID id;
    private String kind;

    @Column(name = "target_slug")
    private String targetSlug;

    @Column(name = "hero_title")
    private String heroTitle;

    @Column(name = "hero_text")
    private String heroText;

    @Column(name = "hero_media")
    private @Nullable String heroMedia;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "landing_page_product", joinColumns = @JoinColumn(name = "landing_page_id"))
    @OrderColumn(name = "position")
    @Column(name = "product_slug")
    private List<String> featured = new ArrayList<>();

    protected LandingPage() {
        this.id = new UUID(0, 0);
        this.kind = "CATEGORY";
        this.targetSlug = "";
        this.heroTitle = "";
        this.heroText = "";
    }

    LandingPage(String kind, String targetSlug, String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.targetSlug = targetSlug;
        this.heroTitle = "";
        this.heroText = "";
    }

    void describe(String heroTitle, String heroText, @Nullable String heroMedia, List<String> featured, String actor,
            Instant now) {
        this.heroTitle = heroTitle;
        this.heroText = heroText;
        this.heroMedia = heroMedia;
        if (!this.featured.equals(featured)) {
            this.featured.clear();
            this.featured.addAll(featured);
        }
        touch(actor, now);
    }

    public UUID id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String targetSlug() {
        return targetSlug;
    }

    public String heroTitle() {
        return heroTitle;
    }

    public String heroText() {
        return heroText;
    }

    public @Nullable String heroMedia() {
        return heroMedia;
    }

    public List<String> featured() {
        return List.copyOf(featured);
    }
}
