package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.AccessMatrix;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every /api/admin/** and /api/account/** route of this service, read from its mappings so that none is forgotten,
 * under the platform's access rules (platform/testing's {@link AccessMatrix}); the public API keeps its rules.
 */
@CatalogTest
class AccessMatrixTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactorAndEveryAccountRouteACustomer() {
        AccessMatrix matrix = AccessMatrix.of(mappings, port);
        assertThat(matrix.routes()).extracting(AccessMatrix.Route::pattern)
                .anyMatch(pattern -> pattern.startsWith("/api/admin/catalog/products"))
                .anyMatch(pattern -> pattern.startsWith("/api/admin/catalog/media"))
                .anyMatch(pattern -> pattern.startsWith("/api/admin/catalog/content"))
                .anyMatch(pattern -> pattern.startsWith("/api/account/reviews"));

        matrix.assertGuarded(pattern -> pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));

        assertThat(matrix.status("GET", "/api/catalog/products", null)).as("the public listing").isEqualTo(200);
        assertThat(matrix.status("GET", "/api/catalog/categories", null)).as("the public tree").isEqualTo(200);
    }
}
