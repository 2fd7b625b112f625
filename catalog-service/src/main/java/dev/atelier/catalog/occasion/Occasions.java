package dev.atelier.catalog.occasion;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The occasions staff have defined. */
public interface Occasions extends JpaRepository<Occasion, UUID> {

    Optional<Occasion> findBySlug(String slug);

    List<Occasion> findBySlugIn(Collection<String> slugs);

    List<Occasion> findAllByOrderByNameAsc();
}
