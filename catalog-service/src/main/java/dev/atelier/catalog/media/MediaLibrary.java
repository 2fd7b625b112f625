package dev.atelier.catalog.media;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The facts kept about every upload. */
@Repository
public class MediaLibrary {

    private final JdbcClient jdbc;

    MediaLibrary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An upload that is served: one the retention job gave up is no longer found. */
    public Optional<StoredMedia> find(UUID id) {
        return jdbc.sql("SELECT * FROM media WHERE id = :id AND discarded_at IS NULL").param("id", id)
                .query(MediaLibrary::media).optional();
    }

    /** The row, locked until the transaction ends (a concurrent delete waits). */
    Optional<StoredMedia> lock(UUID id) {
        return jdbc.sql("SELECT * FROM media WHERE id = :id AND discarded_at IS NULL FOR UPDATE").param("id", id)
                .query(MediaLibrary::media).optional();
    }

    /**
     * Marks the shoppers' uploads among {@code ids} as part of an order, so that they are kept for ever; answers how
     * many were marked. One the retention job already gave up stays given up (its objects may be gone).
     */
    int ordered(Collection<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE media SET ordered_at = coalesce(ordered_at, :at)
                 WHERE id IN (:ids) AND purpose = 'PERSONALISATION' AND discarded_at IS NULL""")
                .param("ids", ids).param("at", Timestamp.from(at)).update();
    }

    /**
     * Gives up, in one statement, up to {@code limit} shoppers' uploads created before {@code cutoff} that no order
     * names. Rows an order is marking at this moment are skipped (locked), and a row marked in the meantime is not
     * given up: PostgreSQL checks {@code ordered_at} again on the locked row.
     */
    int discardUnordered(Instant cutoff, Instant now, int limit) {
        return jdbc.sql("""
                UPDATE media SET discarded_at = :now
                 WHERE id IN (SELECT id FROM media
                               WHERE purpose = 'PERSONALISATION' AND ordered_at IS NULL AND discarded_at IS NULL
                                 AND created_at < :cutoff
                               ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                   AND ordered_at IS NULL AND discarded_at IS NULL""")
                .param("now", Timestamp.from(now)).param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
                .update();
    }

    /** Which of {@code ids} are shoppers' uploads the retention job gave up. */
    List<UUID> givenUpAmong(Collection<UUID> ids) {
        return jdbc.sql("SELECT id FROM media WHERE id IN (:ids) AND discarded_at IS NOT NULL").param("ids", ids)
                .query(UUID.class).list();
    }

    /** Uploads given up whose objects may still be in the store, oldest first. */
    List<StoredMedia> discarded(int limit) {
        return jdbc.sql("SELECT * FROM media WHERE discarded_at IS NOT NULL ORDER BY discarded_at, id LIMIT :limit")
                .param("limit", limit).query(MediaLibrary::media).list();
    }

    /** The row of an upload given up, once its objects are gone from the store. */
    void forget(UUID id) {
        jdbc.sql("DELETE FROM media WHERE id = :id AND discarded_at IS NOT NULL").param("id", id).update();
    }

    /** What of the catalogue shows the image: products (by slug), banners, blog posts, landing pages. */
    List<String> usedBy(UUID id) {
        return jdbc.sql("""
                SELECT 'product ' || p.slug FROM product_image i JOIN product p ON p.id = i.product_id
                 WHERE i.media_ref = :ref
                UNION ALL SELECT 'banner ' || b.id FROM banner b WHERE b.media_ref = :ref
                UNION ALL SELECT 'blog post ' || p.slug FROM blog_post p WHERE p.hero_media = :ref
                UNION ALL SELECT 'landing page ' || lower(l.kind) || '/' || l.target_slug FROM landing_page l WHERE l.hero_media = :ref
                ORDER BY 1""").param("ref", id.toString()).query(String.class).list();
    }

    void remove(UUID id) {
        jdbc.sql("DELETE FROM media WHERE id = :id").param("id", id).update();
    }

    private static StoredMedia media(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredMedia(rs.getObject("id", UUID.class), MediaPurpose.valueOf(rs.getString("purpose")),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getInt("width"), rs.getInt("height"),
                rs.getString("sha256"), rs.getTimestamp("created_at").toInstant());
    }

    void add(StoredMedia media) {
        jdbc.sql("""
                INSERT INTO media (id, purpose, content_type, size_bytes, width, height, sha256, created_at)
                VALUES (:id, :purpose, :contentType, :size, :width, :height, :sha256, :createdAt)""")
                .param("id", media.id()).param("purpose", media.purpose().name())
                .param("contentType", media.contentType()).param("size", media.sizeBytes())
                .param("width", media.width()).param("height", media.height()).param("sha256", media.sha256())
                .param("createdAt", java.sql.Timestamp.from(media.createdAt()))
                .update();
    }
}
