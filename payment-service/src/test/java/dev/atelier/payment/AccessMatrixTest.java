package dev.atelier.payment;

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
 * under the platform's access rules (platform/testing's {@link AccessMatrix}).
 */
@PaymentTest
class AccessMatrixTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactorAndEveryAccountRouteACustomer() {
        AccessMatrix matrix = AccessMatrix.of(mappings, port);
        assertThat(matrix.routes()).extracting(AccessMatrix.Route::pattern).contains(
                "/api/admin/payments", "/api/admin/payments/{paymentId}/refunds", "/api/admin/payments/gift-cards");

        matrix.assertGuarded(pattern -> pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
    }
}
