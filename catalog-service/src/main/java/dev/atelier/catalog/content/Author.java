package dev.atelier.catalog.content;

import dev.atelier.catalog.audit.Audited;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Who writes the blog. */
@Entity
@Table(name = "author")
public class Author extends Audited {

    @Id
    private UUID id;
    private String slug;
    private String name;
    private String bio;

    protected Author() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.bio = "";
    }

    Author(String slug, String name, String bio, String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name;
        this.bio = bio;
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

    public String bio() {
        return bio;
    }
}
