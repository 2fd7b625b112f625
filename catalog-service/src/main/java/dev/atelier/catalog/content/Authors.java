package dev.atelier.catalog.content;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The blog's authors. */
public interface Authors extends JpaRepository<Author, UUID> {

    Optional<Author> findBySlug(String slug);
}
