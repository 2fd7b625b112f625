package dev.atelier.catalog.media;

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
        return jdbc.sql("SELECT * FROM media WHERE id = :id").param("id", id)
                .query((rs, n) -> new StoredMedia(rs.getObject("id", UUID.class),
                        MediaPurpose.valueOf(rs.getString("purpose")), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getInt("width"), rs.getInt("height"), rs.getString("sha256"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
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
