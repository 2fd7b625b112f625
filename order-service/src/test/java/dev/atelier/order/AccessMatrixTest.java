package dev.atelier.order;

import dev.atelier.testing.AccessMatrix;
import dev.atelier.testing.AccessMatrixContract;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrixContract}).
 */
@OrderTest
class AccessMatrixTest extends AccessMatrixContract {

    AccessMatrixTest() {
        super(AccessMatrix.Table.mapping("/api/admin/orders", "/api/admin/returns/{returnId}/approve",
                "/api/account/orders", "/api/account/orders/{orderId}"));
    }
}
