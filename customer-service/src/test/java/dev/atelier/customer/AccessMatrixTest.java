package dev.atelier.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.customer.account.Customer;
import dev.atelier.events.Money;
import dev.atelier.events.catalog.ProductPublished;
import dev.atelier.events.catalog.SellableVariant;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of /api/account/** and /api/admin/**, read from the application's request mappings and checked
 * against the matrix below, which must list each one (a new route fails this test until it is added with what it
 * takes to call it): no token, a junk, expired or forged token → 401; a customer's token on admin → 403; staff
 * without a second factor on admin → 403; customer B on customer A's resource → 404, and A's resource unchanged;
 * the rightful caller is let through (neither 401 nor 403, never a 5xx).
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

    @Autowired
    JdbcClient jdbc;

    /**
     * How to call a route: a body where it takes one (valid, so that only the access rule can refuse), and for a route
     * that names one of the customer's resources, which of customer A's resources ({@code owned}, a key of the
     * samples made in the test) fills its path variable.
     */
    record Call(@Nullable String body, @Nullable String owned) {
        static Call plain() {
            return new Call(null, null);
        }

        static Call withBody(String body) {
            return new Call(body, null);
        }

        static Call on(String owned) {
            return new Call(null, owned);
        }

        static Call on(String owned, String body) {
            return new Call(body, owned);
        }
    }

    static final String ADDRESS = """
            {"name": "B", "line1": "2 High Street", "city": "Bath", "postcode": "BA1 1AB"}""";

    /** Every customer route, as "METHOD pattern". */
    static final Map<String, Call> ACCOUNT = new LinkedHashMap<>();
    /** Every staff route, as "METHOD pattern"; path variables are a customer's id. */
    static final Map<String, Call> ADMIN = new LinkedHashMap<>();

    static {
        ACCOUNT.put("GET /api/account/profile", Call.plain());
        ACCOUNT.put("PUT /api/account/profile", Call.withBody("{\"displayName\": \"B\"}"));
        ACCOUNT.put("GET /api/account/addresses", Call.plain());
        ACCOUNT.put("POST /api/account/addresses", Call.withBody(ADDRESS));
        ACCOUNT.put("GET /api/account/addresses/{id}", Call.on("address"));
        ACCOUNT.put("PUT /api/account/addresses/{id}", Call.on("address", ADDRESS));
        ACCOUNT.put("DELETE /api/account/addresses/{id}", Call.on("address"));
        ACCOUNT.put("PUT /api/account/addresses/{id}/default", Call.on("address"));
        ACCOUNT.put("GET /api/account/reminders", Call.plain());
        ACCOUNT.put("POST /api/account/reminders", Call.withBody("""
                {"forWhom": "B's friend", "occasion": "BIRTHDAY", "date": "06-02", "daysBefore": 5}"""));
        ACCOUNT.put("DELETE /api/account/reminders/{id}", Call.on("reminder"));
        ACCOUNT.put("GET /api/account/consent", Call.plain());
        ACCOUNT.put("PUT /api/account/consent", Call.withBody("{\"marketing\": false}"));
        ACCOUNT.put("GET /api/account/wishlist", Call.plain());
        ACCOUNT.put("POST /api/account/wishlist", Call.withBody("{\"sku\": \"NO-SUCH-SKU\"}"));
        ACCOUNT.put("DELETE /api/account/wishlist/{sku}", Call.on("wishlist"));
        ACCOUNT.put("POST /api/account/data-export", Call.plain());
        ACCOUNT.put("GET /api/account/data-export/{id}", Call.on("export"));
        ACCOUNT.put("GET /api/account/data-requests", Call.plain());
        // not confirmed: the call is refused as a bad request, which proves it got past the access rule
        ACCOUNT.put("POST /api/account/erasure", Call.withBody("{\"confirm\": false}"));

        ADMIN.put("GET /api/admin/customers", Call.plain());
        ADMIN.put("GET /api/admin/customers/{id}", Call.plain());
        ADMIN.put("GET /api/admin/customers/{id}/data-requests", Call.plain());
        ADMIN.put("POST /api/admin/customers/{id}/lock", Call.plain());
        ADMIN.put("POST /api/admin/customers/{id}/unlock", Call.plain());
        ADMIN.put("PUT /api/admin/customers/{id}/roles", Call.withBody("{\"roles\": [\"CUSTOMER\"]}"));
    }

    Set<String> routes(String prefix) {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith(prefix))
                .forEach(pattern -> {
                    var methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as("%s answers every HTTP method: say which", pattern).isNotEmpty();
                    methods.forEach(method -> routes.add(method.name() + " " + pattern));
                }));
        return routes;
    }

    @Test
    void theMatrixListsEveryRouteAndNothingElse() {
        assertThat(routes("/api/account")).as("routes under /api/account: add new ones to ACCOUNT")
                .containsExactlyInAnyOrderElementsOf(ACCOUNT.keySet());
        assertThat(routes("/api/admin")).as("routes under /api/admin: add new ones to ADMIN")
                .containsExactlyInAnyOrderElementsOf(ADMIN.keySet());
        // the declared resources are the only path variables; a route with another one needs a sample here
        ACCOUNT.forEach((route, call) -> {
            Matcher variable = VARIABLE.matcher(route);
            assertThat(variable.find()).as("%s names a resource exactly when the matrix gives one", route)
                    .isEqualTo(call.owned() != null);
        });
    }

    @Test
    void everyAccountRouteNeedsATokenAndKeepsCustomersApart() {
        Api api = new Api(port);
        Customer a = accounts.anActiveCustomer(Accounts.uniqueEmail("matrix-a"));
        Customer b = accounts.anActiveCustomer(Accounts.uniqueEmail("matrix-b"));
        String tokenA = tokens.customer(a.id());
        String tokenB = tokens.customer(b.id());
        Map<String, String> ofA = samplesOf(api, tokenA);

        for (Map.Entry<String, Call> entry : ACCOUNT.entrySet()) {
            String method = entry.getKey().split(" ")[0];
            String pattern = entry.getKey().split(" ")[1];
            Call call = entry.getValue();
            String path = fill(pattern, call.owned() == null ? null : ofA.get(call.owned()));
            for (String refused : new String[] {null, "not-a-token", tokens.expiredCustomer(a.id()),
                    tokens.forgedCustomer(a.id())}) {
                Api.Answer answer = api.call(method, path, refused, call.body());
                assertThat(answer.status()).as("%s with token %s", entry.getKey(), refused).isEqualTo(401);
                assertThat(answer.contentType()).as("%s refused", entry.getKey()).startsWith("application/problem+json");
            }
            Api.Answer asB = api.call(method, path, tokenB, call.body());
            if (call.owned() != null) {
                assertThat(asB.status()).as("%s by customer B on A's %s", entry.getKey(), call.owned()).isEqualTo(404);
            } else {
                assertThat(asB.status()).as("%s by a customer", entry.getKey()).isNotIn(401, 403).isLessThan(500);
            }
        }
        // B's attempts left A's resources as they were
        assertThat(api.get("/api/account/addresses/" + ofA.get("address"), tokenA).body().path("line1").asString())
                .isEqualTo("1 High Street");
        assertThat(api.get("/api/account/data-export/" + ofA.get("export"), tokenA).status()).isEqualTo(200);
        assertThat(api.get("/api/account/reminders", tokenA).body().size()).isEqualTo(1);
        assertThat(api.get("/api/account/wishlist", tokenA).body().size()).isEqualTo(1);
        assertThat(api.get("/api/account/profile", tokenA).body().path("displayName").asString())
                .isEqualTo(a.displayName());
    }

    @Test
    void everyAdminRouteNeedsStaffWithASecondFactor() {
        Api api = new Api(port);
        Customer target = accounts.anActiveCustomer(Accounts.uniqueEmail("matrix-target"));
        for (Map.Entry<String, Call> entry : ADMIN.entrySet()) {
            String method = entry.getKey().split(" ")[0];
            String path = fill(entry.getKey().split(" ")[1], target.id().toString());
            String body = entry.getValue().body();
            assertThat(api.call(method, path, null, body).status()).as("%s without a token", entry.getKey())
                    .isEqualTo(401);
            assertThat(api.call(method, path, tokens.forgedCustomer(UUID.randomUUID()), body).status())
                    .as("%s with a forged token", entry.getKey()).isEqualTo(401);
            assertThat(api.call(method, path, tokens.customer(target.id()), body).status())
                    .as("%s with a customer token", entry.getKey()).isEqualTo(403);
            assertThat(api.call(method, path, tokens.staffWithoutSecondFactor(UUID.randomUUID()), body).status())
                    .as("%s by staff without a second factor", entry.getKey()).isEqualTo(403);
            assertThat(api.call(method, path, tokens.admin(UUID.randomUUID()), body).status())
                    .as("%s by an admin", entry.getKey()).isNotIn(401, 403).isLessThan(500);
        }
    }

    /** One resource of each kind owned by the token's customer, by the key the matrix names it with. */
    private Map<String, String> samplesOf(Api api, String token) {
        String sku = "MATRIX-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventPublisher catalog = EventPublisher.toSharedBroker()) {
            catalog.publish(new ProductPublished(UUID.randomUUID(), "matrix", "Matrix print", List.of(
                    new SellableVariant(sku, Money.gbp(100), 10, Map.of(), null, false)), Instant.now()));
        }
        Awaitility.await("the catalog copy has " + sku).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM catalog_variant WHERE sku = ?").param(sku)
                        .query(Integer.class).single() == 1);
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("address", api.post("/api/account/addresses", token, """
                {"name": "A", "line1": "1 High Street", "city": "Bath", "postcode": "BA1 1AA"}""")
                .body().path("id").asString());
        samples.put("reminder", api.post("/api/account/reminders", token, """
                {"forWhom": "A's friend", "occasion": "BIRTHDAY", "date": "06-01", "daysBefore": 5}""")
                .body().path("id").asString());
        samples.put("export", api.post("/api/account/data-export", token, null).body().path("requestId").asString());
        samples.put("wishlist", api.post("/api/account/wishlist", token, "{\"sku\": \"" + sku + "\"}")
                .body().path("sku").asString());
        samples.values().forEach(value -> assertThat(value).isNotBlank());
        return samples;
    }

    /** Fills the pattern's one path variable with {@code value}, or a random id when there is none to give. */
    private static String fill(String pattern, @Nullable String value) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path, value != null ? value : UUID.randomUUID().toString());
        }
        variable.appendTail(path);
        return path.toString();
    }
}
