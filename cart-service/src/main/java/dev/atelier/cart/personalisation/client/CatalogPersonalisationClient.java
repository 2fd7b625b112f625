package dev.atelier.cart.personalisation.client;

import dev.atelier.cart.personalisation.CatalogUnavailableException;
import dev.atelier.cart.personalisation.Personalisation;
import dev.atelier.cart.personalisation.UnknownSkuException;
import dev.atelier.events.Money;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /internal/personalisation/validate} on catalog-service, behind a timeout and a circuit breaker named
 * {@code catalog}: a catalog that is slow or failing costs a shopper one short wait, then refusals straight away
 * until it has had time to recover. A 404 (unknown SKU) is an answer, not a failure, and does not count.
 */
@Component
class CatalogPersonalisationClient implements Personalisation, DisposableBean {

    static final String BREAKER = "catalog";
    private static final Logger log = LoggerFactory.getLogger(CatalogPersonalisationClient.class);

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final CatalogProperties properties;
    private final HttpComponentsClientHttpRequestFactory requests;

    CatalogPersonalisationClient(ObjectProvider<RestClient.Builder> builder, CircuitBreakerRegistry breakers,
            CatalogProperties properties) {
        // a blocking client with a pool of kept-alive connections, run on the request's own virtual thread: the JDK
        // client (used before) hands every step of a call to other threads and wakes its selector thread through a
        // lock the request threads contend for, which the profile showed as personalised adds' longer tail
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(properties.maxConnections()).setMaxConnPerRoute(properties.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.readTimeout()))
                        .setTimeToLive(TimeValue.ofMinutes(5)).build())
                .build();
        HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(
                HttpClients.custom().setConnectionManager(connections).disableCookieManagement()
                        .evictIdleConnections(TimeValue.ofSeconds(30)).build());
        // waiting for a free connection counts against the same budget as the answer: a shopper is waiting on both
        requests.setConnectionRequestTimeout(properties.readTimeout());
        requests.setReadTimeout(properties.readTimeout());
        this.requests = requests;
        this.http = builder.getIfAvailable(RestClient::builder).baseUrl(properties.baseUrl()).requestFactory(requests).build();
        this.breaker = breakers.circuitBreaker(BREAKER, CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .slidingWindowSize(properties.slidingWindow())
                .minimumNumberOfCalls(Math.max(1, properties.slidingWindow() / 2))
                .waitDurationInOpenState(properties.openFor())
                .ignoreExceptions(UnknownSkuException.class, InvalidRequest.class)
                .build());
        this.properties = properties;
    }

    /** The pool's connections are closed with the application context. */
    @Override
    public void destroy() throws Exception {
        requests.destroy();
    }

    @Override
    public Verdict validate(String sku, Map<String, String> values) {
        try {
            return breaker.executeSupplier(() -> call(sku, values));
        } catch (CallNotPermittedException e) {
            log.debug("catalog breaker open: refusing to validate {}", sku);
            throw new CatalogUnavailableException("catalog-service failed repeatedly; not asking it for a while",
                    properties.openFor(), e);
        } catch (InvalidRequest e) {
            return new Verdict(false, values, Optional.empty(), Map.of(),
                    List.of(new OptionError("personalisation", e.getMessage())));
        }
    }

    private Verdict call(String sku, Map<String, String> values) {
        JsonNode body;
        try {
            body = http.post().uri("/internal/personalisation/validate").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("sku", sku, "values", values))
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                throw new UnknownSkuException(sku);
            }
            throw new InvalidRequest("catalog refused the personalisation (" + e.getStatusCode().value() + ")");
        } catch (RestClientException e) {
            log.warn("catalog-service's personalisation validation failed for {}: {} ({})", sku, e.getMessage(),
                    e.getMostSpecificCause().toString());
            throw new CatalogUnavailableException("catalog-service did not answer: " + e.getMessage(),
                    properties.retryAfter(), e);
        }
        if (body == null || !body.has("valid")) {
            throw new CatalogUnavailableException("catalog-service answered without a verdict", properties.retryAfter(),
                    new IllegalStateException(String.valueOf(body)));
        }
        return verdict(body, values);
    }

    private static Verdict verdict(JsonNode body, Map<String, String> asked) {
        Map<String, String> normalised = strings(body.get("values"));
        List<OptionError> errors = new ArrayList<>();
        JsonNode errorNodes = body.get("errors");
        if (errorNodes != null && errorNodes.isArray()) {
            for (JsonNode error : errorNodes) {
                errors.add(new OptionError(error.path("key").asString(""), error.path("message").asString("")));
            }
        }
        return new Verdict(body.get("valid").asBoolean(), normalised.isEmpty() ? asked : normalised,
                priceDelta(body.get("priceDelta")), strings(body.get("labels")), errors);
    }

    /** {@code {"amount": 300, "currency": "GBP"}} as the platform writes money; a bare number is read as GBP pence. */
    private static Optional<Money> priceDelta(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(Money.gbp(node.asLong()));
        }
        return Optional.of(Money.of(node.path("amount").asLong(), node.path("currency").asString("GBP")));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isString()
                    ? e.getValue().asString() : e.getValue().toString()));
        }
        return map;
    }

    /** catalog refused the request itself (a 4xx other than 404): the shopper's values, not catalog, are at fault. */
    private static final class InvalidRequest extends RuntimeException {

        InvalidRequest(String message) {
            super(message);
        }
    }
}
