package dev.atelier.catalog.content;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The landing pages, one per category or occasion at most. */
public interface LandingPages extends JpaRepository<LandingPage, UUID> {

    Optional<LandingPage> findByKindAndTargetSlug(String kind, String targetSlug);
}
