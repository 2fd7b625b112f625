package dev.atelier.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.AccessMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrix}); the public availability API keeps
 * its rules.
 */
@InventoryTest
class AccessMatrixTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactor() {
        AccessMatrix matrix = AccessMatrix.of(mappings, port);
        assertThat(matrix.routes()).extracting(AccessMatrix.Route::pattern).contains("/api/admin/inventory/skus",
                "/api/admin/inventory/forecast", "/api/admin/inventory/bundles/{bundleSku}");

        matrix.assertGuarded(pattern -> pattern.replaceAll("\\{[^}]+}", "MATRIX-SKU-1"));

        assertThat(matrix.status("GET", "/api/inventory/availability?sku=MATRIX-SKU-1", null))
                .as("the public availability API keeps its rules").isEqualTo(200);
    }
}
