package dev.atelier.catalog.product;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The products, with their variants, options and gallery. */
public interface Products extends JpaRepository<Product, UUID> {

    Optional<Product> findBySlug(String slug);

    @Query("SELECT p FROM Product p JOIN p.variants v WHERE v.sku = ?1")
    Optional<Product> findBySku(String sku);

    /** The SKUs among {@code skus} that belong to another product than {@code productId}. */
    @Query("SELECT v.sku FROM Product p JOIN p.variants v WHERE v.sku IN ?1 AND p.id <> ?2")
    List<String> skusOfOtherProducts(Collection<String> skus, UUID productId);

    /** Of {@code skus}, those that are stocked variants (not bundles) of products that are not archived. */
    @Query("""
            SELECT v.sku FROM Product p JOIN p.variants v
             WHERE v.sku IN ?1 AND p.status <> dev.atelier.catalog.product.ProductStatus.ARCHIVED
               AND p.kind = dev.atelier.catalog.product.ProductKind.STANDARD""")
    List<String> stockedSkus(Collection<String> skus);

    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    List<Product> findByStatusAndIdGreaterThanOrderByIdAsc(ProductStatus status, UUID after, Limit limit);
}
