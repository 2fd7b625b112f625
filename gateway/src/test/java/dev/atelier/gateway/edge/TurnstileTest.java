package dev.atelier.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The Turnstile check with its real verification client against a stand-in for Cloudflare's siteverify: a guest's
 * checkout with a good token passes, a refused or missing token is a 403 problem before the order is placed, a
 * Cloudflare that does not answer lets the sale through, and nothing else is checked.
 */
class TurnstileTest {

    private static final WireMockServer CLOUDFLARE = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private Turnstile turnstile;

    @BeforeAll
    static void start() {
        CLOUDFLARE.start();
    }

    @AfterAll
    static void stop() {
        CLOUDFLARE.stop();
    }

    @BeforeEach
    void configure() {
        CLOUDFLARE.resetAll();
        // generous: the first connection of a JVM on a busy machine takes seconds
        turnstile = withTimeout(Duration.ofSeconds(20));
    }

    private static Turnstile withTimeout(Duration timeout) {
        return new Turnstile(new TurnstileProperties("site-key", "secret-key",
                URI.create(CLOUDFLARE.baseUrl() + "/turnstile/v0/siteverify"), timeout), WebClient.builder());
    }

    @Test
    void letsAGuestCheckoutWithAGoodTokenThroughAfterAskingCloudflare() {
        CLOUDFLARE.stubFor(post(urlPathEqualTo("/turnstile/v0/siteverify"))
                .withRequestBody(containing("response=good-token"))
                .willReturn(okJson("{\"success\":true,\"error-codes\":[]}")));

        Outcome outcome = run(checkout("good-token"));

        assertThat(outcome.passed()).isTrue();
        CLOUDFLARE.verify(postRequestedFor(urlPathEqualTo("/turnstile/v0/siteverify"))
                .withRequestBody(containing("secret=secret-key"))
                .withRequestBody(containing("remoteip=203.0.113.7")));
    }

    @Test
    void refusesARefusedTokenAndAMissingOneBeforeTheOrderIsPlaced() {
        CLOUDFLARE.stubFor(post(urlPathEqualTo("/turnstile/v0/siteverify"))
                .willReturn(okJson("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}")));

        Outcome refused = run(checkout("forged"));
        Outcome missing = run(checkout(null));

        assertThat(refused.passed()).isFalse();
        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.status()).isEqualTo(HttpStatus.FORBIDDEN);
        CLOUDFLARE.verify(1, postRequestedFor(urlPathEqualTo("/turnstile/v0/siteverify")));
    }

    @Test
    void readsTheTokenOfTheStorefrontsCheckoutForm() {
        CLOUDFLARE.stubFor(post(urlPathEqualTo("/turnstile/v0/siteverify"))
                .withRequestBody(containing("response=form-token"))
                .willReturn(okJson("{\"success\":true}")));
        MockServerHttpRequest form = MockServerHttpRequest.post("/checkout")
                .remoteAddress(new InetSocketAddress("203.0.113.7", 50000))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("email=a%40example.com&cf-turnstile-response=form-token");

        assertThat(run(form).passed()).isTrue();
    }

    @Test
    void letsTheSaleThroughWhenCloudflareDoesNotAnswer() {
        CLOUDFLARE.stubFor(post(urlPathEqualTo("/turnstile/v0/siteverify"))
                .willReturn(aResponse().withFixedDelay(5_000).withStatus(200)));
        turnstile = withTimeout(Duration.ofMillis(300));

        assertThat(run(checkout("any")).passed()).isTrue();
    }

    @Test
    void checksNothingButAGuestsCheckout() {
        Outcome browsing = run(MockServerHttpRequest.get("/api/catalog/products")
                .remoteAddress(new InetSocketAddress("203.0.113.7", 50000)).build());

        assertThat(browsing.passed()).isTrue();
        CLOUDFLARE.verify(0, postRequestedFor(urlPathEqualTo("/turnstile/v0/siteverify")));
    }

    private record Outcome(boolean passed, HttpStatus status) {
    }

    private Outcome run(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        AtomicBoolean passed = new AtomicBoolean();
        WebFilterChain chain = next -> {
            passed.set(true);
            return Mono.empty();
        };
        turnstile.filter(exchange, chain).block(Duration.ofSeconds(30));
        HttpStatus status = exchange.getResponse().getStatusCode() == null ? HttpStatus.OK
                : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
        return new Outcome(passed.get(), status);
    }

    private static MockServerHttpRequest checkout(String token) {
        MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post("/api/checkout")
                .remoteAddress(new InetSocketAddress("203.0.113.7", 50000))
                .contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request.header(Turnstile.HEADER, token);
        }
        return request.body("{}");
    }
}
