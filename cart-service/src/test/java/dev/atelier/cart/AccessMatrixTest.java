package dev.atelier.cart;

import dev.atelier.testing.AccessMatrix;
import dev.atelier.testing.AccessMatrixContract;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrixContract}).
 */
@CartTest
class AccessMatrixTest extends AccessMatrixContract {

    AccessMatrixTest() {
        super(AccessMatrix.Table.mapping("/api/admin/cart/coupons", "/api/admin/cart/shipping",
                "/api/admin/cart/abandonment"));
    }
}
