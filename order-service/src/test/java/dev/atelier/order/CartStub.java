package dev.atelier.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * cart-service's internal priced-cart API played by WireMock, one server per test JVM, in the shape of
 * /work/notes/cart-api.md. Each test stubs its own cart ids, so tests never see each other's carts.
 */
public final class CartStub {

    private static final WireMockServer SERVER = start();

    private CartStub() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        System.setProperty("atelier.test.cart-stub-port", Integer.toString(server.port()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** Starts the stub before the Spring context resolves its URL. */
    public static final class Extension implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            SERVER.isRunning();
        }
    }

    /** The stub's port, starting it first if needed. */
    public static int port() {
        return SERVER.port();
    }

    /** Answers the cart with this JSON body. */
    public static void serves(UUID cartId, String cartJson) {
        SERVER.stubFor(get(urlPathEqualTo("/internal/carts/" + cartId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(cartJson)));
    }

    /** cart-service is up but has no open cart with that id. */
    public static void knowsNothingOf(UUID cartId) {
        SERVER.stubFor(get(urlPathEqualTo("/internal/carts/" + cartId)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://atelier.dev/problems/unknown-cart\",\"status\":404}")));
    }

    /** cart-service drops the connection for this cart. */
    public static void failsFor(UUID cartId) {
        SERVER.stubFor(get(urlPathEqualTo("/internal/carts/" + cartId))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** cart-service drops the first connection that asks for this cart, then answers it with this JSON body. */
    public static void dropsOnceThenServes(UUID cartId, String cartJson) {
        String scenario = "drops once " + cartId;
        SERVER.stubFor(get(urlPathEqualTo("/internal/carts/" + cartId)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("dropped")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        SERVER.stubFor(get(urlPathEqualTo("/internal/carts/" + cartId)).inScenario(scenario)
                .whenScenarioStateIs("dropped")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(cartJson)));
    }

    /** How often the cart was asked for. */
    public static int callsFor(UUID cartId) {
        return SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/internal/carts/" + cartId))).size();
    }
}
