package dev.atelier.notification;

import dev.atelier.testing.AccessMatrix;
import dev.atelier.testing.AccessMatrixContract;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrixContract}).
 */
@NotificationTest
class AccessMatrixTest extends AccessMatrixContract {

    AccessMatrixTest() {
        super(AccessMatrix.Table.mapping("/api/admin/notifications/emails"));
    }
}
