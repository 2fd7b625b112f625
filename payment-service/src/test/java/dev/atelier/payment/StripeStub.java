package dev.atelier.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Stripe's API as WireMock plays it, one server per test JVM: the real stripe-java client talks HTTP to it. Default
 * answers open a session (a fresh id each time), report a session open, expire it and refund; tests add their own
 * stubs (faults, a session's true state) on top, at a higher priority.
 */
public final class StripeStub {

    public static final String WEBHOOK_SECRET = "whsec_test_atelier_0123456789abcdef";
    private static final WireMockServer SERVER = start();

    private StripeStub() {
    }

    public static WireMockServer server() {
        return SERVER;
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        installDefaults(server);
        return server;
    }

    /** Forgets tests' own stubs and recorded requests, keeps the defaults. */
    public static void reset() {
        SERVER.resetAll();
        installDefaults(SERVER);
    }

    private static void installDefaults(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(10).willReturn(okJson("""
                {"id": "cs_test_{{randomValue length=24 type='ALPHANUMERIC'}}", "object": "checkout.session",
                 "url": "https://checkout.stripe.com/c/pay/cs_test_{{randomValue length=24 type='ALPHANUMERIC'}}",
                 "expires_at": {{now offset='31 minutes' format='unix'}}, "status": "open", "payment_status": "unpaid",
                 "mode": "payment", "livemode": false}""")));
        server.stubFor(get(urlPathMatching("/v1/checkout/sessions/[^/]+")).atPriority(10).willReturn(okJson("""
                {"id": "{{request.pathSegments.[3]}}", "object": "checkout.session", "status": "open",
                 "payment_status": "unpaid", "livemode": false}""")));
        server.stubFor(post(urlPathMatching("/v1/checkout/sessions/[^/]+/expire")).atPriority(10).willReturn(okJson("""
                {"id": "{{request.pathSegments.[3]}}", "object": "checkout.session", "status": "expired",
                 "payment_status": "unpaid", "livemode": false}""")));
        server.stubFor(post(urlPathEqualTo("/v1/refunds")).atPriority(10).willReturn(okJson("""
                {"id": "re_test_{{randomValue length=24 type='ALPHANUMERIC'}}", "object": "refund",
                 "status": "succeeded"}""")));
    }

    /** The session's true state at Stripe, as a retrieve answers it. */
    public static void sessionIs(String sessionId, String status, String paymentStatus, long amountTotal) {
        SERVER.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + sessionId)).atPriority(1).willReturn(okJson("""
                {"id": "%s", "object": "checkout.session", "status": "%s", "payment_status": "%s", "amount_total": %d,
                 "currency": "gbp", "payment_intent": "pi_test_%s", "livemode": false}"""
                .formatted(sessionId, status, paymentStatus, amountTotal, sessionId))));
    }

    public static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong\"}}");
    }

    /** Points the application's Stripe client at this server. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stripeStub",
                    Map.of("atelier.payment.stripe.api-base", "http://localhost:" + SERVER.port())));
        }
    }
}
