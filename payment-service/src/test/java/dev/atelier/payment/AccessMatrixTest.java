package dev.atelier.payment;

import dev.atelier.testing.AccessMatrix;
import dev.atelier.testing.AccessMatrixContract;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrixContract}).
 */
@PaymentTest
class AccessMatrixTest extends AccessMatrixContract {

    AccessMatrixTest() {
        super(AccessMatrix.Table.mapping("/api/admin/payments", "/api/admin/payments/{paymentId}/refunds",
                "/api/admin/payments/gift-cards"));
    }
}
