package dev.atelier.catalog.content;

import dev.atelier.catalog.audit.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A blog post: a draft until staff publish it; a published post stays published when edited. */
@Entity
@Table(name = "blog_post")
public class BlogPost extends Audited {

    @Id
    private UUID id;
    private String slug;
    private String title;
    private String summary;
    private String body;

    @Column(name = "hero_media")
    private @Nullable String heroMedia;

    @Column(name = "author_id")
    private UUID authorId;

    private String status;

    @Column(name = "published_at")
    private @Nullable Instant publishedAt;

    protected BlogPost() {
        this.id = new UUID(0, 0);
        this.slug = "";
        this.title = "";
        this.summary = "";
        this.body = "";
        this.authorId = new UUID(0, 0);
        this.status = "DRAFT";
    }

    BlogPost(String slug, UUID authorId, String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.authorId = authorId;
        this.title = "";
        this.summary = "";
        this.body = "";
        this.status = "DRAFT";
    }

    void write(String slug, String title, String summary, String body, @Nullable String heroMedia, UUID authorId,
            String actor, Instant now) {
        this.slug = slug;
        this.title = title;
        this.summary = summary;
        this.body = body;
        this.heroMedia = heroMedia;
        this.authorId = authorId;
        touch(actor, now);
    }

    void publish(String actor, Instant now) {
        if (isPublished()) {
            throw new IllegalStateException("post " + slug + " is already published");
        }
        status = "PUBLISHED";
        publishedAt = now;
        touch(actor, now);
    }

    public boolean isPublished() {
        return status.equals("PUBLISHED");
    }

    public UUID id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public String body() {
        return body;
    }

    public @Nullable String heroMedia() {
        return heroMedia;
    }

    public UUID authorId() {
        return authorId;
    }

    public String status() {
        return status;
    }

    public @Nullable Instant publishedAt() {
        return publishedAt;
    }
}
