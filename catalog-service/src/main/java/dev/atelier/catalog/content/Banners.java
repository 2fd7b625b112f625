package dev.atelier.catalog.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The promotional banners. */
public interface Banners extends JpaRepository<Banner, UUID> {

    List<Banner> findByStartsAtLessThanEqualAndEndsAtGreaterThanOrderByPositionAscStartsAtAsc(Instant now, Instant again);

    List<Banner> findAllByOrderByStartsAtDesc();
}
