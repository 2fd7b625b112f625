package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's table: which mapped routes satisfy it and how it fills path variables. */
class AccessMatrixTableTest {

    private static final List<AccessMatrix.Route> ROUTES = List.of(
            new AccessMatrix.Route("GET", "/api/admin/orders"),
            new AccessMatrix.Route("POST", "/api/admin/returns/{returnId}/approve"));

    @Test
    void anExactPatternMustBeMappedAsDeclared() {
        AccessMatrix.Table table = AccessMatrix.Table.mapping("/api/admin/orders");

        assertThat(table.maps("/api/admin/orders", ROUTES)).isTrue();
        assertThat(table.maps("/api/admin/returns/{id}/approve", ROUTES)).as("another variable name").isFalse();
        assertThat(table.maps("/api/admin/order", ROUTES)).isFalse();
    }

    @Test
    void aPrefixIsMappedByTheRouteItselfOrOneBelowIt() {
        AccessMatrix.Table table = AccessMatrix.Table.mapping("/api/admin/returns/**");

        assertThat(table.maps("/api/admin/returns/**", ROUTES)).isTrue();
        assertThat(table.maps("/api/admin/orders/**", ROUTES)).isTrue();
        assertThat(table.maps("/api/admin/ret/**", ROUTES)).as("a prefix is whole segments").isFalse();
        assertThat(table.maps("/api/admin/payments/**", ROUTES)).isFalse();
    }

    @Test
    void fillsVariablesWithFreshIdsUnlessTheTableGivesAValue() {
        String random = AccessMatrix.Table.mapping("/x").fill("/api/admin/returns/{returnId}/lines/{line}");
        String given = AccessMatrix.Table.mapping("/x").variablesAs("SKU-1").fill("/api/admin/skus/{sku}");

        assertThat(random).matches("/api/admin/returns/[0-9a-f-]{36}/lines/[0-9a-f-]{36}");
        assertThat(given).isEqualTo("/api/admin/skus/SKU-1");
    }

    @Test
    void aTableNamesAtLeastOneRoute() {
        assertThatThrownBy(AccessMatrix.Table::mapping).hasMessageContaining("at least one route");
    }
}
