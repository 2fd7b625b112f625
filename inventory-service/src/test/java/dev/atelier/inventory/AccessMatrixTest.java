package dev.atelier.inventory;

import dev.atelier.testing.AccessMatrix;
import dev.atelier.testing.AccessMatrixContract;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrixContract}); the public availability API
 * keeps its rules.
 */
@InventoryTest
class AccessMatrixTest extends AccessMatrixContract {

    AccessMatrixTest() {
        super(AccessMatrix.Table.mapping("/api/admin/inventory/skus", "/api/admin/inventory/forecast",
                        "/api/admin/inventory/bundles/{bundleSku}")
                .variablesAs("MATRIX-SKU-1")
                .open("/api/inventory/availability?sku=MATRIX-SKU-1", 200));
    }
}
