package dev.atelier.catalog.media;

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

    public Optional<StoredMedia> find(UUID id) {
        return jdbc.sql("SELECT * FROM media WHERE id = :id").param("id", id).query(MediaLibrary::media).optional();
    }

    /** The row, locked until the transaction ends (a concurrent delete waits). */
    Optional<StoredMedia> lock(UUID id) {
        return jdbc.sql("SELECT * FROM media WHERE id = :id FOR UPDATE").param("id", id).query(MediaLibrary::media)
                .optional();
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
