package dev.atelier.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.account.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of /api/account/** and /api/admin/**, found in the application's mappings so that none is forgotten:
 * no token → 401; a customer's token on admin → 403; staff without a second factor → 403; customer B on customer
 * A's resource → 404; the rightful caller is let through (neither 401 nor 403).
 */
@CustomerTest
class AccessMatrixTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    record Route(String method, String pattern) {
    }

    List<Route> routes(String prefix) {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith(prefix))
                .forEach(pattern -> {
                    var methods = info.getMethodsCondition().getMethods();
                    (methods.isEmpty() ? List.of(RequestMethod.GET) : List.copyOf(methods))
                            .forEach(method -> routes.add(new Route(method.name(), pattern)));
                }));
        return routes;
    }

    @Test
    void everyAccountRouteNeedsATokenAndKeepsCustomersApart() {
        Api api = new Api(port);
        Customer a = accounts.anActiveCustomer(Accounts.uniqueEmail("matrix-a"));
        Customer b = accounts.anActiveCustomer(Accounts.uniqueEmail("matrix-b"));
        String tokenA = tokens.customer(a.id());
        String addressOfA = api.post("/api/account/addresses", tokenA, """
                {"name": "A", "line1": "1 High Street", "city": "Bath", "postcode": "BA1 1AA"}""")
                .body().path("id").asString();
        String exportOfA = api.post("/api/account/data-export", tokenA, null).body().path("requestId").asString();
        String reminderOfA = api.post("/api/account/reminders", tokenA, """
                {"forWhom": "A's friend", "occasion": "BIRTHDAY", "date": "06-01", "daysBefore": 5}""")
                .body().path("id").asString();
        Map<String, String> ownedByA = Map.of("/api/account/addresses/{id}", addressOfA,
                "/api/account/addresses/{id}/default", addressOfA, "/api/account/data-export/{id}", exportOfA,
                "/api/account/reminders/{id}", reminderOfA);

        // a valid body where one is needed, so that only ownership can refuse
        Map<String, String> bodies = Map.of("PUT /api/account/addresses/{id}",
                "{\"name\": \"B\", \"line1\": \"2 High Street\", \"city\": \"Bath\", \"postcode\": \"BA1 1AB\"}");
        List<Route> routes = routes("/api/account/");
        assertThat(routes).extracting(Route::pattern).contains("/api/account/profile", "/api/account/addresses/{id}",
                "/api/account/erasure", "/api/account/data-export");
        for (Route route : routes) {
            String path = fill(route.pattern(), ownedByA);
            String body = "GET".equals(route.method()) || "DELETE".equals(route.method()) ? null
                    : bodies.getOrDefault(route.method() + " " + route.pattern(), "{}");
            assertThat(api.call(route.method(), path, null, body).status()).as("%s without a token", route).isEqualTo(401);
            assertThat(api.call(route.method(), path, "not-a-token", body).status()).as("%s with junk", route).isEqualTo(401);
            Api.Answer asB = api.call(route.method(), path, tokens.customer(b.id()), body);
            if (ownedByA.containsKey(route.pattern())) {
                assertThat(asB.status()).as("%s by customer B on A's resource", route).isEqualTo(404);
            } else {
                assertThat(asB.status()).as("%s by a customer", route).isNotIn(401, 403).isLessThan(500);
            }
        }
        assertThat(api.get("/api/account/addresses/" + addressOfA, tokenA).status()).isEqualTo(200);
        assertThat(api.get("/api/account/data-export/" + exportOfA, tokenA).status()).isEqualTo(200);
        assertThat(api.get("/api/account/reminders", tokenA).body().size()).isEqualTo(1);
    }

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactor() {
        Api api = new Api(port);
        Customer target = accounts.anActiveCustomer(Accounts.uniqueEmail("matrix-target"));
        List<Route> routes = routes("/api/admin/");
        assertThat(routes).extracting(Route::pattern).contains("/api/admin/customers", "/api/admin/customers/{id}/roles");
        for (Route route : routes) {
            String path = fill(route.pattern(), Map.of());
            String body = "GET".equals(route.method()) || "DELETE".equals(route.method()) ? null
                    : route.pattern().endsWith("/roles") ? "{\"roles\": [\"CUSTOMER\"]}" : "{}";
            assertThat(api.call(route.method(), path, null, body).status()).as("%s without a token", route).isEqualTo(401);
            assertThat(api.call(route.method(), path, tokens.customer(target.id()), body).status())
                    .as("%s with a customer token", route).isEqualTo(403);
            assertThat(api.call(route.method(), path, tokens.staffWithoutSecondFactor(UUID.randomUUID()), body).status())
                    .as("%s by staff without a second factor", route).isEqualTo(403);
            assertThat(api.call(route.method(), path, tokens.admin(UUID.randomUUID()), body).status())
                    .as("%s by an admin", route).isNotIn(401, 403).isLessThan(500);
        }
    }

    /** Fills path variables: a value owned by customer A where given, otherwise a random id (a 404 for everyone). */
    private static String fill(String pattern, Map<String, String> ownedByA) {
        String owned = ownedByA.get(pattern);
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            assertThat(variable.group(1)).as("a sample value for {%s} in %s", variable.group(1), pattern).isEqualTo("id");
            variable.appendReplacement(path, owned != null ? owned : UUID.randomUUID().toString());
        }
        variable.appendTail(path);
        return path.toString();
    }
}
