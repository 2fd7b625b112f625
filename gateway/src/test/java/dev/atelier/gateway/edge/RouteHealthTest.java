package dev.atelier.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Readiness names the routes the gateway cannot serve; the request metrics carry the route that served. */
class RouteHealthTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void readinessListsTheRoutesOfAFailingServiceAndStaysInRotation() throws Exception {
        CircuitBreaker payment = breakers.circuitBreaker("payment");
        try {
            payment.transitionToForcedOpenState();

            HttpResponse<String> degraded = send(request("/actuator/health/readiness").GET());

            assertThat(degraded.statusCode()).isEqualTo(200);
            JsonNode routes = JSON.readTree(degraded.body()).path("components").path("routes");
            assertThat(JSON.readTree(degraded.body()).path("status").asString()).isEqualTo("DEGRADED");
            assertThat(routes.path("details").path("unavailable").toString())
                    .contains("payment-api", "payment-webhooks", "payment-sandbox").doesNotContain("catalog-api");
        } finally {
            payment.transitionToClosedState();
        }

        // other tests of this JVM may have left another service's breaker open: only payment's routes are asserted
        HttpResponse<String> recovered = send(request("/actuator/health/readiness").GET());
        assertThat(JSON.readTree(recovered.body()).path("components").path("routes").path("details")
                .path("unavailable").toString()).doesNotContain("payment");
    }

    @Test
    void tagsTheRequestMetricsWithTheRoute() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("[]")));
        assertThat(send(request("/api/catalog/categories").GET()).statusCode()).isEqualTo(200);

        HttpResponse<String> metric = send(request("/actuator/metrics/http.server.requests?tag=route:catalog-api").GET());

        assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
        assertThat(JSON.readTree(metric.body()).path("measurements").get(0).path("value").asDouble()).isPositive();
    }
}
