package dev.atelier.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge over real HTTP, with WireMock standing in for the services behind it: routing, the internal paths,
 * timeouts, circuit breakers, retries, rate limits, headers, CSRF and the admin guard.
 */
class EdgeTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final WireMockServer CATALOG = StandIns.CATALOG;
    private static final WireMockServer CART = StandIns.CART;
    private static final WireMockServer PAYMENT = StandIns.PAYMENT;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Test
    void routesAPublicPathToItsServiceWithARequestId() throws Exception {
        CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{\"items\":[]}")));

        HttpResponse<String> response = send(request("/api/catalog/products?q=mug").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[]}");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        CATALOG.verify(getRequestedFor(urlEqualTo("/api/catalog/products?q=mug"))
                .withHeader("X-Request-Id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(requestId)));
    }

    @Test
    void sendsAShoppersReviewsToCatalogAndTheRestOfTheAccountToCustomerService() throws Exception {
        CATALOG.stubFor(get(urlPathEqualTo("/api/account/reviews")).willReturn(okJson("{\"items\":[]}")));
        StandIns.CUSTOMER.stubFor(get(urlPathEqualTo("/api/account/wishlist")).willReturn(okJson("{\"items\":[]}")));

        assertThat(send(request("/api/account/reviews").GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/account/wishlist").GET()).statusCode()).isEqualTo(200);

        CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/account/reviews")));
        StandIns.CUSTOMER.verify(getRequestedFor(urlPathEqualTo("/api/account/wishlist")));
    }

    @Test
    void letsAMailClientsOneClickUnsubscribeThroughWithoutACsrfToken() throws Exception {
        StandIns.NOTIFICATION.stubFor(post(urlPathEqualTo("/unsubscribe")).willReturn(okJson("{}")));
        StandIns.NOTIFICATION.stubFor(post(urlPathEqualTo("/api/notifications/subscriptions"))
                .willReturn(aResponse().withStatus(202)));

        HttpResponse<String> unsubscribed = send(request("/unsubscribe?token=signed")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        HttpResponse<String> subscribed = send(request("/api/notifications/subscriptions")
                .header("Content-Type", "application/json").header("Origin", base())
                .POST(BodyPublishers.ofString("{\"email\":\"a@example.com\"}")));

        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        assertThat(subscribed.statusCode()).isEqualTo(202);
        StandIns.NOTIFICATION.verify(postRequestedFor(urlPathEqualTo("/unsubscribe")));
    }

    @Test
    void neverRoutesInternalPathsHoweverTheyAreSpelled() throws Exception {
        CART.stubFor(any(anyUrl()).willReturn(okJson("{\"secret\":true}")));

        for (String path : new String[] {"/internal/carts/1", "/api/cart/../internal/carts/1",
                "/api/cart/%2e%2e/internal/carts/1", "/api/cart/..%2Finternal%2Fcarts", "/INTERNAL/carts",
                "/api/cart/%252e%252e%252finternal"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(problemType(response)).as(path).isEqualTo("not-found");
        }
        assertThat(CART.getAllServeEvents()).isEmpty();
    }

    @Test
    void answersAnUnknownPathWithProblemJson() throws Exception {
        HttpResponse<String> response = send(request("/no/such/page").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /**
     * A pooled connection to a service is closed by the gateway after 15 s idle, before the service's Tomcat closes it
     * (60 s): a request sent at the moment Tomcat closed its connection was a 503 to the shopper. The race itself
     * cannot be timed in a test; this holds the setting that prevents it.
     */
    @Test
    void closesIdleConnectionsToTheServicesBeforeTheServicesDo(@Autowired
            org.springframework.cloud.gateway.config.HttpClientProperties client) {
        assertThat(client.getPool().getMaxIdleTime()).isNotNull().isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void answersASlowServiceWith504WithinTheTimeout() throws Exception {
        CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/slow-mug"))
                .willReturn(okJson("{}").withFixedDelay(10_000)));

        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/catalog/products/slow-mug").GET());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(problemType(response)).isEqualTo("upstream-timeout");
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void letsARushWaitItsTurnAndTurnsAwayOnlyWhatTheLineCannotHold(@Autowired Admission admission)
            throws Exception {
        CART.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}").withFixedDelay(1500)));

        // 4 in flight to cart-service and 8 waiting their turn (GatewayTest's line), at once
        List<CompletableFuture<HttpResponse<String>>> rush = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rush.add(HTTP.sendAsync(request("/api/cart").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admission.waiting("cart") == 8);
        HttpResponse<String> turnedAway = send(request("/api/cart").GET());

        assertThat(turnedAway.statusCode()).isEqualTo(503);
        assertThat(problemType(turnedAway)).isEqualTo("store-busy");
        assertThat(turnedAway.headers().firstValue("Retry-After")).isPresent();
        for (CompletableFuture<HttpResponse<String>> call : rush) {
            HttpResponse<String> answered = call.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        }
        // the one turned away never reached the service, nor counted against its circuit
        CART.verify(12, getRequestedFor(urlPathEqualTo("/api/cart")));
        assertThat(breakers.circuitBreaker("cart").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(admission.waiting("cart")).isZero();
    }

    @Test
    void putsNoBulkheadInFrontOfTheServices(@Autowired ApplicationContext context) {
        // Spring Cloud CircuitBreaker's default would refuse the 26th concurrent call to a service with a 503, and
        // count the refusals as failures that open its circuit: a rush of shoppers on a healthy store (the flash
        // sale) got 503s. Calls wait in the services' own queues, bounded by the routes' timeouts.
        assertThat(context.getBeanProvider(ReactiveResilience4jBulkheadProvider.class).getIfAvailable()).isNull();
        assertThat(breakers.circuitBreaker("catalog").getCircuitBreakerConfig().getSlowCallRateThreshold())
                .isEqualTo(100f);
    }

    @Test
    void relaysAnOrdersEventStreamAndCountsItInABreakerOfItsOwn() throws Exception {
        String orderId = "0b9a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        StandIns.ORDER.stubFor(get(urlPathEqualTo("/api/orders/" + orderId + "/events"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody("event:order\ndata:{\"status\":\"PLACED\"}\n\nevent:order\ndata:{\"status\":\"PAID\"}\n\n")));

        HttpResponse<String> response = send(request("/api/orders/" + orderId + "/events")
                .header("Accept", "text/event-stream").header("X-Order-Token", "secret").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).contains("\"PLACED\"").contains("\"PAID\"");
        StandIns.ORDER.verify(getRequestedFor(urlPathEqualTo("/api/orders/" + orderId + "/events"))
                .withHeader("X-Order-Token", com.github.tomakehurst.wiremock.client.WireMock.equalTo("secret")));
        // a stream lasts as long as its order's checkout: it must not count as a slow call of order-service's calls
        assertThat(breakers.getAllCircuitBreakers()).anySatisfy(breaker -> {
            assertThat(breaker.getName()).isEqualTo("order-stream");
            assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isPositive();
            assertThat(breaker.getCircuitBreakerConfig().getSlowCallDurationThreshold())
                    .isGreaterThan(Duration.ofMinutes(20));
        });
    }

    @Test
    void asksForAStreamOnceMoreWhenItsConnectionClosedBeforeAnAnswer() throws Exception {
        String orderId = "5c0e2f4a-9b8d-4c7e-a6f5-1d2c3b4a5e6f";
        String path = "/api/orders/" + orderId + "/events";
        StandIns.ORDER.stubFor(get(urlPathEqualTo(path)).inScenario("closed-stream")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("answering"));
        StandIns.ORDER.stubFor(get(urlPathEqualTo(path)).inScenario("closed-stream").whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody("event:order\ndata:{\"status\":\"PAID\"}\n\n")));

        HttpResponse<String> response = send(request(path).header("Accept", "text/event-stream").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"PAID\"");
        StandIns.ORDER.verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void asksForAStreamOnlyOnceMore() throws Exception {
        String orderId = "6d1f3a5b-0c9e-4d8f-b7a6-2e3d4c5b6a7f";
        String path = "/api/orders/" + orderId + "/events";
        StandIns.ORDER.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        HttpResponse<String> response = send(request(path).header("Accept", "text/event-stream").GET());

        // the refusal comes as the stream's kind of message, which the wait page reads
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("service-unavailable");
        StandIns.ORDER.verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void answersAServiceThatIsDownWith503AndOpensItsCircuit() throws Exception {
        HttpResponse<String> first = send(request("/api/inventory/availability?sku=A").GET());
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(problemType(first)).isEqualTo("service-unavailable");

        for (int i = 0; i < 4; i++) {
            send(request("/api/inventory/availability?sku=A").GET());
        }
        HttpResponse<String> open = send(request("/api/inventory/availability?sku=A").GET());

        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(open.body()).path("detail").asString()).contains("given a moment to recover");
    }

    @Test
    void retriesAReadOnceButNeverAWrite() throws Exception {
        CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/flaky")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/flaky")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(okJson("{\"slug\":\"flaky\"}")));
        CART.stubFor(post(urlPathEqualTo("/api/cart/items")).willReturn(aResponse().withStatus(503)));

        HttpResponse<String> read = send(request("/api/catalog/products/flaky").GET());
        HttpResponse<String> write = send(request("/api/cart/items").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"sku\":\"MUG-XMAS-001\",\"quantity\":1}")));

        assertThat(read.statusCode()).isEqualTo(200);
        CATALOG.verify(2, getRequestedFor(urlPathEqualTo("/api/catalog/products/flaky")));
        assertThat(write.statusCode()).isEqualTo(503);
        CART.verify(1, postRequestedFor(urlPathEqualTo("/api/cart/items")));
    }

    @Test
    void limitsSignInAttemptsPerClientButNotWebhooks() throws Exception {
        forgetSharedRateLimits();
        PAYMENT.stubFor(post(urlPathEqualTo("/webhooks/stripe")).willReturn(okJson("{}")));
        int lastStatus = 0;
        for (int attempt = 1; attempt <= 11; attempt++) {
            HttpResponse<String> response = send(request("/login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("username=a%40example.com&password=wrong")));
            lastStatus = response.statusCode();
            if (attempt <= 10) {
                assertThat(lastStatus).as("attempt " + attempt).isNotEqualTo(429);
            } else {
                assertThat(lastStatus).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(problemType(response)).isEqualTo("too-many-requests");
            }
        }
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> webhook = send(request("/webhooks/stripe").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{}")));
            assertThat(webhook.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void putsTheSecurityHeadersOnEveryResponse() throws Exception {
        CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{\"items\":[]}")));

        for (HttpResponse<String> response : new HttpResponse[] {send(request("/api/catalog/products").GET()),
                send(request("/no/such/page").GET())}) {
            String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self' 'nonce-").doesNotContain("unsafe-inline");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            assertThat(response.headers().firstValue("Permissions-Policy")).hasValueSatisfying(
                    policy -> assertThat(policy).contains("camera=()"));
        }
        String first = send(request("/no/such/page").GET()).headers().firstValue("Content-Security-Policy").orElseThrow();
        String second = send(request("/no/such/page").GET()).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesAFormPostWithoutTheCsrfTokenAndAJsonCallFromAnotherSite() throws Exception {
        CART.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        PAYMENT.stubFor(post(urlPathEqualTo("/pay/sandbox/cs_1/pay")).willReturn(aResponse().withStatus(303)
                .withHeader("Location", "/checkout/success")));

        HttpResponse<String> form = send(request("/api/cart/items")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("sku=A")));
        HttpResponse<String> crossSite = send(request("/api/cart/items").header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(BodyPublishers.ofString("{}")));
        HttpResponse<String> sameSite = send(request("/api/cart/items").header("Content-Type", "application/json")
                .header("Origin", base()).POST(BodyPublishers.ofString("{}")));
        HttpResponse<String> sandbox = send(request("/pay/sandbox/cs_1/pay")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("")));

        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(problemType(form)).isEqualTo("csrf");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(problemType(crossSite)).isEqualTo("cross-site-request");
        assertThat(sameSite.statusCode()).isEqualTo(200);
        assertThat(sandbox.statusCode()).isEqualTo(303);
        CART.verify(1, postRequestedFor(urlPathEqualTo("/api/cart/items")));
    }

    @Test
    void keepsTheAdminApiForSignedInStaff() throws Exception {
        HttpResponse<String> response = send(request("/api/admin/inventory/skus").GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(problemType(response)).isEqualTo("unauthenticated");
    }

    @Test
    void refusesAnOversizedJsonBodyBeforeForwardingIt() throws Exception {
        HttpResponse<String> response = send(request("/api/cart/items").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"note\":\"" + "x".repeat(300 * 1024) + "\"}")));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(problemType(response)).isEqualTo("payload-too-large");
        assertThat(CART.getAllServeEvents()).isEmpty();
    }

    /**
     * Refusals answered at once, one after another on a keep-alive connection: with reactor-netty before 1.3.8 one
     * in about a hundred left the connection unread (reactor/reactor-netty#4361) and the next request waited for ever.
     */
    @Test
    void keepsAnsweringRefusalsOnOneKeepAliveConnection() throws Exception {
        for (int i = 0; i < 300; i++) {
            assertThat(signInAttempt().statusCode()).as("sign-in attempt " + i).isIn(403, 429);
            if (i % 7 == 0) {
                HttpResponse<String> oversized = send(request("/api/cart/items").timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"note\":\"" + "x".repeat(300 * 1024) + "\"}")));
                assertThat(oversized.statusCode()).as("oversized body " + i).isEqualTo(413);
            }
        }
    }

    /** A sign-in attempt: rate-limited from the shared store, then its form read for the CSRF check. */
    private HttpResponse<String> signInAttempt() throws Exception {
        return send(request("/login").timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("username=a%40example.com&password=wrong")));
    }

    /** Starts from a full sign-in budget, whichever test drew on it before. */
    private static void forgetSharedRateLimits() {
        new JdbcTemplate(POSTGRES.dataSource("gateway")).update("DELETE FROM rate_limit_bucket");
    }

    private static String problemType(HttpResponse<String> response) {
        JsonNode problem = JSON.readTree(response.body());
        return problem.path("type").asString().replace("https://atelier.dev/problems/", "");
    }
}
