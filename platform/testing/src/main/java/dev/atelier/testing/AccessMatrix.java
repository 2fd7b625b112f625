package dev.atelier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The access rules of a resource server (platform/web's security), checked on every {@code /api/admin/**} and
 * {@code /api/account/**} route the application maps, read from its request mappings so that a new route cannot be
 * forgotten:
 * <ul>
 * <li>no token, an expired one or junk → 401;</li>
 * <li>admin routes: a customer's token → 403, staff without a second factor → 403, staff with one → let through;</li>
 * <li>account routes: a customer's token → let through.</li>
 * </ul>
 * "Let through" means the access rule did not refuse: neither 401 nor 403, and never a 5xx (the empty or made-up
 * request may well be a 400 or a 404). Which customer may see which resource is the service's own test.
 *
 * A service's test is usually only its {@link Table}, through {@link AccessMatrixContract}; by hand:
 * <pre>{@code
 * AccessMatrix matrix = AccessMatrix.of(applicationContext);
 * matrix.check(AccessMatrix.Table.mapping("/api/admin/orders", "/api/account/orders/{orderId}"));
 * }</pre>
 */
public final class AccessMatrix {

    /** One mapped route: an HTTP method and the path pattern as the controller declares it. */
    public record Route(String method, String pattern) {

        public boolean admin() {
            return pattern.startsWith("/api/admin/");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /**
     * What one service's matrix expects beyond the platform's rules: routes it must map (so that reading the
     * mappings cannot silently find nothing), how a path variable is filled, and public routes that must stay open.
     *
     * @param mapped a route pattern as the controller declares it, or a prefix ending in {@code /**}: some route is
     *               that path or lies below it
     * @param variable the value of every path variable (a fresh random UUID per call when not given)
     * @param open public paths with the status an anonymous GET must get
     */
    public record Table(List<String> mapped, @Nullable String variable, Map<String, Integer> open) {

        public Table {
            mapped = List.copyOf(mapped);
            open = Collections.unmodifiableMap(new LinkedHashMap<>(open));
        }

        /** The routes this service must map; at least one. */
        public static Table mapping(String... patterns) {
            if (patterns.length == 0) {
                throw new IllegalArgumentException("name at least one route the service must map");
            }
            return new Table(List.of(patterns), null, Map.of());
        }

        /** Fills every path variable with {@code value} rather than a random UUID. */
        public Table variablesAs(String value) {
            return new Table(mapped, value, open);
        }

        /** A public path an anonymous GET reaches with {@code status}: the rules above must not close it. */
        public Table open(String path, int status) {
            Map<String, Integer> more = new LinkedHashMap<>(open);
            more.put(path, status);
            return new Table(mapped, variable, more);
        }

        String fill(String pattern) {
            Matcher variables = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (variables.find()) {
                variables.appendReplacement(path, variable != null ? Matcher.quoteReplacement(variable)
                        : UUID.randomUUID().toString());
            }
            return variables.appendTail(path).toString();
        }

        boolean maps(String expected, List<Route> routes) {
            if (expected.endsWith("/**")) {
                String prefix = expected.substring(0, expected.length() - 3);
                return routes.stream().anyMatch(route -> route.pattern().equals(prefix)
                        || route.pattern().startsWith(prefix + "/"));
            }
            return routes.stream().anyMatch(route -> route.pattern().equals(expected));
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final List<Route> routes;
    private final int port;

    private AccessMatrix(List<Route> routes, int port) {
        this.routes = routes;
        this.port = port;
    }

    /**
     * The admin and account routes of {@code mappings} (a route without a declared method counts as GET), for the
     * application listening on {@code port}.
     */
    public static AccessMatrix of(RequestMappingHandlerMapping mappings, int port) {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/admin/") || pattern.startsWith("/api/account/"))
                .forEach(pattern -> {
                    var methods = info.getMethodsCondition().getMethods();
                    (methods.isEmpty() ? List.of(RequestMethod.GET) : List.copyOf(methods))
                            .forEach(method -> routes.add(new Route(method.name(), pattern)));
                }));
        routes.sort(Comparator.comparing(Route::pattern).thenComparing(Route::method));
        return new AccessMatrix(List.copyOf(routes), port);
    }

    /**
     * The matrix of the running application in {@code context}: its request mappings and the port it listens on (a
     * {@code @SpringBootTest} with a real web environment).
     */
    public static AccessMatrix of(ApplicationContext context) {
        Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException("the application does not listen on a port: the access matrix needs a "
                    + "@SpringBootTest with webEnvironment RANDOM_PORT or DEFINED_PORT");
        }
        return of(context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class), port);
    }

    /**
     * Checks the service's {@code table}: it maps every route the table names, every admin and account route obeys
     * the rules above, and every open path still answers an anonymous GET as the table says.
     */
    public void check(Table table) {
        assertThat(table.mapped()).as("routes the service maps, among %s", routes)
                .allSatisfy(expected -> assertThat(table.maps(expected, routes)).as(expected).isTrue());
        assertGuarded(table::fill);
        table.open().forEach((path, expected) ->
                assertThat(status("GET", path, null)).as("%s without a token stays open", path).isEqualTo(expected));
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * Asserts the rules above on every route, with {@code path} turning a pattern into a concrete path (filling its
     * variables).
     */
    public void assertGuarded(Function<String, String> path) {
        assertThat(routes).as("the admin and account routes").isNotEmpty();
        awaitKeys(path.apply(routes.getFirst().pattern()), routes.getFirst().method());
        for (Route route : routes) {
            String concrete = path.apply(route.pattern());
            assertThat(status(route.method(), concrete, null)).as("%s without a token", route).isEqualTo(401);
            assertThat(status(route.method(), concrete, TestTokens.expired(UUID.randomUUID())))
                    .as("%s with an expired token", route).isEqualTo(401);
            assertThat(status(route.method(), concrete, "not.a.token")).as("%s with junk", route).isEqualTo(401);
            if (route.admin()) {
                assertThat(status(route.method(), concrete, TestTokens.customer(UUID.randomUUID())))
                        .as("%s by a customer", route).isEqualTo(403);
                assertThat(status(route.method(), concrete, TestTokens.staffWithoutSecondFactor()))
                        .as("%s by staff without a second factor", route).isEqualTo(403);
                assertThat(status(route.method(), concrete, TestTokens.staff())).as("%s by staff", route)
                        .isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(status(route.method(), concrete, TestTokens.customer(UUID.randomUUID())))
                        .as("%s by a customer", route).isNotIn(401, 403).isLessThan(500);
            }
        }
    }

    /**
     * The service fetches the issuer's keys on the first token it sees, and answers 503 until it has them; a loaded
     * machine can be slower than the fetch's timeout, so wait for them (with a deadline) before asserting anything.
     */
    private void awaitKeys(String path, String method) {
        Awaitility.await("the service has fetched the test issuer's keys").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status(method, path, TestTokens.staff()) != 503);
    }

    /**
     * The status of one call; methods other than GET and DELETE send the JSON body {@code {}}, so that only the
     * access rule or validation can answer.
     */
    public int status(String method, String path, @Nullable String token) {
        boolean withBody = !"GET".equals(method) && !"DELETE".equals(method);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
