package dev.atelier.catalog.occasion;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The occasions staff have defined. */
public interface Occasions extends JpaRepository<Occasion, UUID> {

    Optional<Occasion> findBySlug(String slug);

    List<Occasion> findBySlugIn(Collection<String> slugs);

    List<Occasion> findAllByOrderByNameAsc();

    /**
     * The occasions with these ids, by name: a JPQL statement whose plan Hibernate keeps, for the product page (the
     * inherited {@code findAllById} builds a criteria query on every call, which its profile showed dominating).
     */
    @Query("SELECT o FROM Occasion o WHERE o.id IN ?1 ORDER BY o.name")
    List<Occasion> withIds(Collection<UUID> ids);
}
