package dev.atelier.catalog.occasion;

import dev.atelier.catalog.audit.Audited;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What a gift is bought for: Birthday, Wedding, Christmas, New Baby. */
@Entity
@Table(name = "occasion")
public class Occasion extends Audited {

    @Id
    private UUID id;
    private String slug;
    private String name;

    protected Occasion() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.name = "";
    }

    Occasion(String slug, String name, String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name;
    }

    void rename(String name, String actor, Instant now) {
        this.name = name;
        touch(actor, now);
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
}
