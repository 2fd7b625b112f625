package dev.atelier.testing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The access-matrix test every resource server runs, written once: the service's test class carries the module's
 * test annotation (so that it shares the module's one Spring context), extends this class and gives its
 * {@link AccessMatrix.Table}. The test calls the running service over HTTP on every admin and account route it maps.
 *
 * <pre>{@code
 * @CartTest
 * class AccessMatrixTest extends AccessMatrixContract {
 *     AccessMatrixTest() {
 *         super(AccessMatrix.Table.mapping("/api/admin/cart/coupons", "/api/admin/cart/shipping"));
 *     }
 * }
 * }</pre>
 */
public abstract class AccessMatrixContract {

    private final AccessMatrix.Table table;

    @Autowired
    private ApplicationContext context;

    protected AccessMatrixContract(AccessMatrix.Table table) {
        this.table = table;
    }

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactorAndEveryAccountRouteACustomer() {
        AccessMatrix.of(context).check(table);
    }
}
