package dev.atelier.catalog;

import dev.atelier.testing.AccessMatrix;
import dev.atelier.testing.AccessMatrixContract;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrixContract}); the public API keeps its rules.
 */
@CatalogTest
class AccessMatrixTest extends AccessMatrixContract {

    AccessMatrixTest() {
        super(AccessMatrix.Table.mapping("/api/admin/catalog/products/**", "/api/admin/catalog/media/**",
                        "/api/admin/catalog/content/**", "/api/account/reviews/**",
                        "/api/admin/catalog/marketplace-reviews/**")
                .open("/api/catalog/products", 200)
                .open("/api/catalog/categories", 200));
    }
}
