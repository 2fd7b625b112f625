package dev.atelier.catalog.audit;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The audit columns of an administered aggregate: who created it and when, who changed it last and when, and the
 * optimistic-lock version that keeps two admins from silently overwriting each other.
 */
@MappedSuperclass
public abstract class Audited {

    @Version
    private @Nullable Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected Audited() {
        this.createdAt = Instant.EPOCH;
        this.createdBy = "";
        this.updatedAt = Instant.EPOCH;
        this.updatedBy = "";
    }

    protected Audited(String actor, Instant now) {
        this.createdAt = now;
        this.createdBy = actor;
        this.updatedAt = now;
        this.updatedBy = actor;
    }

    protected void touch(String actor, Instant now) {
        this.updatedAt = now;
        this.updatedBy = actor;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
