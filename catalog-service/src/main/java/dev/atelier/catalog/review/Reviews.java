package dev.atelier.catalog.review;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Every review, of the store and of marketplaces. */
interface Reviews extends JpaRepository<Review, UUID> {

    List<Review> findByCustomerId(UUID customerId);
}
