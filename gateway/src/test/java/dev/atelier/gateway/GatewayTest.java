package dev.atelier.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.atelier.testing.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the gateway's tests: the gateway on a random port in front of {@link StandIns}, one Spring
 * context for the whole JVM, and plain HTTP to drive it.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"atelier.gateway.api-timeout=2s", "atelier.gateway.secure=false",
                // every test stubs catalog afresh: no answer shared between them (SharedReadsTest covers sharing)
                "atelier.storefront.shared-reads-for=0s",
                "resilience4j.circuitbreaker.instances.inventory.minimum-number-of-calls=4",
                "resilience4j.circuitbreaker.instances.inventory.sliding-window-size=4",
                "resilience4j.circuitbreaker.instances.inventory.wait-duration-in-open-state=60s"})
public abstract class GatewayTest {

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            // as browsers on cleartext: HTTP/1.1, not the JDK client's h2c upgrade (a request hung once on it)
            .version(HttpClient.Version.HTTP_1_1).build();
    private static boolean warm;

    @Value("${local.server.port}")
    protected int port;

    /** The gateway's own database (sessions): one throw-away PostgreSQL for the JVM. */
    protected static final EmbeddedPostgresServer POSTGRES = sessionsDatabase();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.jdbcUrl("gateway"));
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("atelier.services.customer.url", StandIns.CUSTOMER::baseUrl);
        registry.add("atelier.gateway.sign-in.issuer", StandIns.CUSTOMER::baseUrl);
        registry.add("atelier.services.catalog.url", StandIns.CATALOG::baseUrl);
        registry.add("atelier.services.cart.url", StandIns.CART::baseUrl);
        registry.add("atelier.services.order.url", StandIns.ORDER::baseUrl);
        registry.add("atelier.services.payment.url", StandIns.PAYMENT::baseUrl);
        registry.add("atelier.services.notification.url", StandIns.NOTIFICATION::baseUrl);
        registry.add("atelier.services.inventory.url", () -> "http://localhost:" + StandIns.NOTHING_LISTENS);
        // a short line in front of each stand-in, so that a test can fill it with a handful of calls
        registry.add("atelier.gateway.admission.concurrency", () -> "4");
        registry.add("atelier.gateway.admission.queue", () -> "8");
    }

    private static EmbeddedPostgresServer sessionsDatabase() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(0, null, true);
        server.createDatabase("gateway");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    /**
     * One request through the whole path before the first test: the first call of a JVM (route and filter set-up,
     * WireMock's own start) can take seconds on a busy machine, which is not what these tests measure.
     */
    @BeforeEach
    void warmUpOnceThenReset() throws Exception {
        if (!warm) {
            StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/ping")).willReturn(okJson("{}")));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (send(request("/api/catalog/ping").GET()).statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            warm = true;
        }
        StandIns.resetAll();
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        try {
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException timeout) {
            // a request that hangs is a bug somewhere between this client and the gateway: say where everyone was
            StringBuilder dump = new StringBuilder("no answer to " + built.method() + " " + built.uri() + "; threads:\n");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            });
            System.err.println(dump);
            throw timeout;
        }
    }
}
