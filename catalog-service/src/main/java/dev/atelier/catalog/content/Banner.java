package dev.atelier.catalog.content;

import dev.atelier.catalog.audit.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A promotional banner shown from {@code startsAt} until {@code endsAt}. */
@Entity
@Table(name = "banner")
public class Banner extends Audited {

    @Id
    private UUID id;
    private String title;
    private String text;
    private String link;

    @Column(name = "media_ref")
    private @Nullable String mediaRef;

    @Column(name = "starts_at")
    private Instant startsAt;

    @Column(name = "ends_at")
    private Instant endsAt;

    private int position;

    protected Banner() {
        this.id = new UUID(0, 0);
        this.title = "";
        this.text = "";
        this.link = "";
        this.startsAt = Instant.EPOCH;
        this.endsAt = Instant.EPOCH;
    }

    Banner(String actor, Instant now) {
        super(actor, now);
        this.id = UUID.randomUUID();
        this.title = "";
        this.text = "";
        this.link = "";
        this.startsAt = now;
        this.endsAt = now;
    }

    void schedule(String title, String text, String link, @Nullable String mediaRef, Instant startsAt, Instant endsAt,
            int position, String actor, Instant now) {
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a banner must end after it starts");
        }
        this.title = title;
        this.text = text;
        this.link = link;
        this.mediaRef = mediaRef;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.position = position;
        touch(actor, now);
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String text() {
        return text;
    }

    public String link() {
        return link;
    }

    public @Nullable String mediaRef() {
        return mediaRef;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public int position() {
        return position;
    }
}
