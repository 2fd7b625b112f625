package dev.atelier.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every /api/admin/** and /api/account/** route of this service, found in its mappings so that none is forgotten:
 * no token → 401, a customer's token → 403, staff without a second factor → 403, staff with it → let through.
 */
@InventoryTest
class AccessMatrixTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Route(String method, String path) {
    }

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactor() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/admin/") || pattern.startsWith("/api/account/"))
                .forEach(pattern -> {
                    var methods = info.getMethodsCondition().getMethods();
                    (methods.isEmpty() ? List.of(RequestMethod.GET) : List.copyOf(methods)).forEach(method ->
                            routes.add(new Route(method.name(), pattern.replaceAll("\\{[^}]+}", "MATRIX-SKU-1"))));
                }));
        assertThat(routes).extracting(Route::path).contains("/api/admin/inventory/skus",
                "/api/admin/inventory/forecast", "/api/admin/inventory/bundles/MATRIX-SKU-1");

        for (Route route : routes) {
            assertThat(status(route, null)).as("%s without a token", route).isEqualTo(401);
            assertThat(status(route, TestTokens.customer(UUID.randomUUID()))).as("%s by a customer", route)
                    .isEqualTo(403);
            assertThat(status(route, TestTokens.staffWithoutSecondFactor()))
                    .as("%s by staff without a second factor", route).isEqualTo(403);
            assertThat(status(route, TestTokens.staff())).as("%s by staff", route).isNotIn(401, 403).isLessThan(500);
        }
        assertThat(status(new Route("GET", "/api/inventory/availability?sku=MATRIX-SKU-1"), null))
                .as("the public availability API keeps its rules").isEqualTo(200);
    }

    private int status(Route route, @Nullable String token) {
        boolean withBody = !"GET".equals(route.method()) && !"DELETE".equals(route.method());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + route.path()))
                .method(route.method(), withBody ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
