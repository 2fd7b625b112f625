package dev.atelier.catalog.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The blog's posts. */
public interface BlogPosts extends JpaRepository<BlogPost, UUID> {

    Optional<BlogPost> findBySlug(String slug);

    /** Published posts, newest first, after the given position. */
    @Query("""
            SELECT p FROM BlogPost p WHERE p.status = 'PUBLISHED'
               AND (p.publishedAt < ?1 OR (p.publishedAt = ?1 AND p.id > ?2))
             ORDER BY p.publishedAt DESC, p.id""")
    List<BlogPost> publishedBefore(Instant publishedAt, UUID id, Limit limit);
}
