package dev.atelier.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * WireMock servers standing in for the services behind the gateway, one per service, shared by every test class
 * of this JVM (they share one Spring context, {@link GatewayTest}).
 */
public final class StandIns {

    public static final WireMockServer CATALOG = started();
    public static final WireMockServer CART = started();
    public static final WireMockServer ORDER = started();
    public static final WireMockServer PAYMENT = started();
    /** customer-service: the authorization server's token and key endpoints (the browser's side is the test). */
    public static final WireMockServer CUSTOMER = started();
    /** A port where nothing listens: inventory-service "down". */
    public static final int NOTHING_LISTENS = unusedPort();

    private StandIns() {
    }

    public static void resetAll() {
        CATALOG.resetAll();
        CART.resetAll();
        ORDER.resetAll();
        PAYMENT.resetAll();
        CUSTOMER.resetAll();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
