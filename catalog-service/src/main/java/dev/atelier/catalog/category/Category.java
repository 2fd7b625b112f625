package dev.atelier.catalog.category;

import dev.atelier.catalog.audit.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A node of the category tree; {@code path} is the slugs from the root, so a subtree is a prefix. */
@Entity
@Table(name = "category")
public class Category extends Audited {

    @Id
    private UUID id;

    @Column(name = "parent_id")
    private @Nullable UUID parentId;

    private String slug;
    private String name;
    private String path;
    private int position;

    protected Category() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.path = "";
    }

    Category(String slug, String name, @Nullable Category parent, int position, String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name;
        this.parentId = parent == null ? null : parent.id;
        this.path = (parent == null ? "/" : parent.path) + slug + "/";
        this.position = position;
    }

    void rename(String name, int position, String actor, Instant now) {
        this.name = name;
        this.position = position;
        touch(actor, now);
    }

    public UUID id() {
        return id;
    }

    public @Nullable UUID parentId() {
        return parentId;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public int position() {
        return position;
    }
}
